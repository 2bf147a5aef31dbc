import { DEFAULT_METHODOLOGY } from '#grip/indicators';
import { composeEnterpriseIndicators, EnterpriseIndicatorInputs } from './compose-enterprise-indicators.js';
import { combineDeclarations } from './declared-figures.js';
import { parseIndicatorPeriod } from './indicator-period.js';

/** The worked examples of indicators.md as one enterprise-month (Guangdong, 2023). */
const inputs = (over: Partial<EnterpriseIndicatorInputs> = {}): EnterpriseIndicatorInputs => ({
  period: parseIndicatorPeriod('2023-03')!,
  regionCode: '440106',
  basis: 'equivalent',
  energy: {
    consumption: { electricity: 1_000_000, natural_gas: 50_000, steam: 800, diesel: 2 },
    exportedElectricityKwh: 0,
    coverage: 1,
  },
  equipment: [
    {
      id: 'm1',
      attributes: {
        productionEquipment: true,
        digital: true,
        numericalControl: true,
        keyProcess: true,
        robot: false,
        commissionedYear: 2015,
      },
    },
    {
      id: 'm2',
      attributes: {
        productionEquipment: true,
        digital: false,
        numericalControl: false,
        keyProcess: true,
        robot: false,
        commissionedYear: 1988,
      },
    },
  ],
  daysWithData: { m1: 31 },
  machines: [
    {
      deviceId: 'm1',
      idealCycleTimeS: 30,
      seconds: { running: 400 * 60, idle: 30 * 60, fault: 50 * 60, setup: 0 },
      produced: 720,
      good: 684,
    },
  ],
  declared: combineDeclarations(
    ['2023-03'],
    new Map([['2023-03', { outputValue: 5000, valueAdded: 1000, employees: 400 }]]),
  ),
  ...over,
});

const value = (r: { status: string; value?: number }) => (r.status === 'missing' ? undefined : r.value);

describe('composeEnterpriseIndicators', () => {
  it('reproduces the worked examples: 289.4092 tce, 887.3458 tCO₂, OEE 0.7125', () => {
    const result = composeEnterpriseIndicators(inputs(), DEFAULT_METHODOLOGY);
    expect(result['energy.comprehensive'].totalTce).toBeCloseTo(289.4092, 4);
    expect(value(result['energy.intensity.output_value'])).toBeCloseTo(0.05788, 5);
    expect(value(result['carbon.emissions'])).toBeCloseTo(887.3458, 4);
    expect(value(result['intelligence.oee'])).toBeCloseTo(0.7125, 4);
    expect(value(result['intelligence.first_pass_yield'])).toBeCloseTo(0.95, 6);
    expect(value(result['intelligence.digitisation_rate'])).toBeCloseTo(0.5, 6);
    expect(value(result['intelligence.aged_equipment_share'])).toBeCloseTo(0.5, 6);
    // 1000 万元 in a month, ×12, ×10,000 yuan, ÷ 400 people
    expect(value(result['intelligence.labour_productivity'])).toBeCloseTo(300_000, 6);
  });

  it('reports undeclared figures as missing, never as zero', () => {
    const result = composeEnterpriseIndicators(
      inputs({ declared: combineDeclarations(['2023-03'], new Map()) }),
      DEFAULT_METHODOLOGY,
    );
    expect(result['energy.intensity.output_value'].status).toBe('missing');
    expect(result['intelligence.robot_density'].status).toBe('missing');
    expect(result['green.plot_ratio'].status).toBe('missing');
    expect(result['energy.comprehensive'].totalTce).toBeCloseTo(289.4092, 4);
  });

  it('marks telemetry-based intensities partial when the meters covered too little of the period', () => {
    const result = composeEnterpriseIndicators(
      inputs({ energy: { ...inputs().energy, coverage: 0.5 } }),
      DEFAULT_METHODOLOGY,
    );
    expect(result['energy.intensity.output_value'].status).toBe('partial');
    expect(result['carbon.emissions'].status).toBe('partial');
  });

  it('adds machines before dividing: performance uses Σ ideal cycle × produced', () => {
    const result = composeEnterpriseIndicators(
      inputs({
        machines: [
          {
            deviceId: 'a',
            idealCycleTimeS: 30,
            seconds: { running: 3600, idle: 0, fault: 0, setup: 0 },
            produced: 60,
            good: 60,
          },
          {
            deviceId: 'b',
            idealCycleTimeS: 60,
            seconds: { running: 3600, idle: 3600, fault: 0, setup: 0 },
            produced: 30,
            good: 27,
          },
        ],
      }),
      DEFAULT_METHODOLOGY,
    );
    // availability 7200/10800, performance (30×60 + 60×30)/7200 = 0.5, quality 87/90
    expect(value(result['intelligence.oee'])).toBeCloseTo((7200 / 10800) * 0.5 * (87 / 90), 6);
  });
});
