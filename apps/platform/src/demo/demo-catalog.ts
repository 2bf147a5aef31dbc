import type { FlowProfile } from '../../../edge-agent/src/factory-model.js';

/**
 * The demo province: three service providers onboarding twenty manufacturers in Guangdong's
 * Pearl River Delta, each with a site electricity meter, a sub-meter, fuel meters where the
 * trade uses them, and a few production machines. Everything here goes through the public
 * APIs, like a provider's onboarding script would.
 */
export interface DemoMeter {
  readonly externalId: string;
  readonly metric: string;
  readonly scope: 'site' | 'sub';
  readonly profile: FlowProfile;
  readonly ratedPowerKw?: number;
}

export interface DemoEnterprise {
  readonly name: string;
  /** The 9-character organisation part of the credit code; the rest is derived. */
  readonly orgCode: string;
  readonly regionCode: string;
  readonly industryCode: string;
  readonly sizeClass: 'large' | 'medium' | 'small';
  readonly provider: number;
  readonly meters: readonly DemoMeter[];
  readonly machines: readonly {
    externalId: string;
    idealCycleTimeS: number;
    robot?: boolean;
    commissionedYear: number;
  }[];
}

export const DEMO_PROVIDERS = [
  {
    name: '粤智造工业互联网服务有限公司',
    orgCode: 'MA5CX1001',
    regionCode: '440106',
    username: 'provider-yuezhi',
  },
  { name: '珠江云工科技有限公司', orgCode: 'MA5CX1002', regionCode: '440305', username: 'provider-zhujiang' },
  {
    name: '佛山绿色制造服务有限公司',
    orgCode: 'MA5CX1003',
    regionCode: '440606',
    username: 'provider-foshan',
  },
] as const;

export const DEMO_PASSWORD = 'grip-demo-2026';

const site = (meanKw: number, swing = 0.35, peak = 14): DemoMeter => ({
  externalId: 'meter-site',
  metric: 'electricity.active_energy',
  scope: 'site',
  profile: { meanPerHour: meanKw, dailySwing: swing, peakHourLocal: peak },
  ratedPowerKw: Math.round(meanKw * 2.5),
});
const sub = (meanKw: number): DemoMeter => ({
  externalId: 'meter-workshop-1',
  metric: 'electricity.active_energy',
  scope: 'sub',
  profile: { meanPerHour: meanKw, dailySwing: 0.5, peakHourLocal: 15 },
});
const fuel = (externalId: string, metric: string, meanPerHour: number): DemoMeter => ({
  externalId,
  metric,
  scope: 'site',
  profile: { meanPerHour, dailySwing: 0.2, peakHourLocal: 11 },
});
const machines = (n: number, cycle: number, year: number) =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `machine-${i + 1}`,
    idealCycleTimeS: cycle,
    robot: i === 0,
    commissionedYear: year + i,
  }));

type Row = [
  string,
  string,
  string,
  string,
  DemoEnterprise['sizeClass'],
  number,
  number,
  DemoMeter[],
  number,
  number,
];
// name, orgCode, region, industry, size, provider, mean kW, extra meters, cycle s, first machine year
const ROWS: Row[] = [
  ['广州天河精密电子有限公司', 'MA5EN0001', '440106', 'C3981', 'medium', 0, 900, [], 12, 2012],
  [
    '广州番禺汽车零部件有限公司',
    'MA5EN0002',
    '440113',
    'C3670',
    'large',
    0,
    2400,
    [fuel('meter-gas', 'natural_gas.volume', 120)],
    45,
    2008,
  ],
  [
    '广州黄埔新材料科技有限公司',
    'MA5EN0003',
    '440112',
    'C2651',
    'large',
    0,
    3100,
    [fuel('meter-steam', 'steam.mass', 2.2)],
    60,
    2005,
  ],
  [
    '广州白云化妆品制造有限公司',
    'MA5EN0004',
    '440111',
    'C2682',
    'small',
    0,
    380,
    [fuel('meter-steam', 'steam.mass', 0.4)],
    20,
    2016,
  ],
  [
    '广州南沙金属结构有限公司',
    'MA5EN0005',
    '440115',
    'C3311',
    'medium',
    0,
    1500,
    [fuel('meter-diesel', 'diesel.mass', 0.03)],
    90,
    1989,
  ],
  ['广州花都电线电缆有限公司', 'MA5EN0006', '440114', 'C3831', 'medium', 0, 1700, [], 30, 2010],
  ['深圳南山通信终端有限公司', 'MA5EN0007', '440305', 'C3922', 'large', 1, 2000, [], 15, 2015],
  ['深圳宝安计算机整机有限公司', 'MA5EN0008', '440306', 'C3911', 'large', 1, 1800, [], 18, 2014],
  ['深圳龙岗半导体装备有限公司', 'MA5EN0009', '440307', 'C3562', 'medium', 1, 1200, [], 120, 2017],
  ['深圳光明电子器件有限公司', 'MA5EN0010', '440311', 'C3971', 'small', 1, 600, [], 25, 2011],
  ['深圳龙华机械零部件有限公司', 'MA5EN0011', '440309', 'C3484', 'small', 1, 450, [], 40, 1992],
  [
    '深圳坪山汽车车身有限公司',
    'MA5EN0012',
    '440310',
    'C3660',
    'large',
    1,
    2600,
    [fuel('meter-gas', 'natural_gas.volume', 200)],
    70,
    2009,
  ],
  [
    '佛山顺德制冷电器有限公司',
    'MA5EN0013',
    '440606',
    'C3851',
    'large',
    2,
    2800,
    [fuel('meter-gas', 'natural_gas.volume', 90)],
    35,
    2007,
  ],
  [
    '佛山南海金属表面处理有限公司',
    'MA5EN0014',
    '440605',
    'C3360',
    'small',
    2,
    700,
    [fuel('meter-gas', 'natural_gas.volume', 60)],
    50,
    1988,
  ],
  [
    '佛山禅城特种陶瓷有限公司',
    'MA5EN0015',
    '440604',
    'C3073',
    'medium',
    2,
    1300,
    [fuel('meter-gas', 'natural_gas.volume', 450)],
    80,
    2003,
  ],
  [
    '佛山三水平板玻璃有限公司',
    'MA5EN0016',
    '440607',
    'C3041',
    'large',
    2,
    3500,
    [fuel('meter-gas', 'natural_gas.volume', 900), fuel('meter-steam', 'steam.mass', 1.5)],
    100,
    2001,
  ],
  [
    '佛山高明耐火材料有限公司',
    'MA5EN0017',
    '440608',
    'C3089',
    'medium',
    2,
    1100,
    [fuel('meter-coal', 'coal.mass', 0.35)],
    110,
    1995,
  ],
  ['珠海香洲起重设备有限公司', 'MA5EN0018', '440402', 'C3432', 'medium', 0, 950, [], 240, 2006],
  ['江门蓬江五金制品有限公司', 'MA5EN0019', '440703', 'C3399', 'small', 2, 420, [], 20, 1999],
  ['惠州惠城电子元件有限公司', 'MA5EN0020', '441302', 'C3981', 'medium', 1, 1000, [], 10, 2013],
];

export const DEMO_ENTERPRISES: readonly DemoEnterprise[] = ROWS.map(
  ([name, orgCode, regionCode, industryCode, sizeClass, provider, kw, extra, cycle, year]) => ({
    name,
    orgCode,
    regionCode,
    industryCode,
    sizeClass,
    provider,
    meters: [site(kw), sub(Math.round(kw * 0.3)), ...extra],
    machines: machines(sizeClass === 'large' ? 4 : sizeClass === 'medium' ? 3 : 2, cycle, year),
  }),
);

/** Officials of the demo: the province, Guangzhou and Shenzhen. */
export const DEMO_OFFICIALS = [
  { username: 'official-guangdong', regionCode: '440000' },
  { username: 'official-guangzhou', regionCode: '440100' },
  { username: 'official-shenzhen', regionCode: '440300' },
] as const;
