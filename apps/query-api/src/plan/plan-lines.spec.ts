import { planLines } from './plan-lines.js';

const none = new Map<string, number>();

describe('planLines', () => {
  it('gives the province its own targets and each city its share, adding up to the province', () => {
    const lines = planLines({
      year: 2026,
      regionCode: '440000',
      targets: [
        { regionCode: '440000', metric: 'retrofits_started', target: 8500 },
        { regionCode: '440000', metric: 'green_factories', target: 100 },
        // Shenzhen has its own green-factory figure, which wins over its share.
        { regionCode: '440300', metric: 'green_factories', target: 40 },
      ],
      // 8500 × (0.5, 0.3, 0.2) = 4250, 2550, 1700 exactly; 100 × 0.3 for Shenzhen is overridden.
      shares: { '440100': 0.5, '440300': 0.3, '440600': 0.2 },
      actuals: {
        retrofits_started: new Map([
          ['440106', 3], // a district of Guangzhou counts for Guangzhou and the province
          ['440304', 2],
        ]),
        enterprises_on_cloud: none,
        green_factories: new Map([['440305', 1]]),
      },
    });
    expect(lines.map((l) => l.regionCode)).toEqual(['440000', '440100', '440300', '440600']);
    const metric = (region: string, name: string) =>
      lines.find((l) => l.regionCode === region)!.metrics.find((m) => m.metric === name)!;
    expect(metric('440000', 'retrofits_started')).toEqual({
      metric: 'retrofits_started',
      target: 8500,
      targetSource: 'set',
      actual: 5,
      progress: 5 / 8500,
    });
    expect(metric('440100', 'retrofits_started')).toMatchObject({
      target: 4250,
      targetSource: 'share',
      actual: 3,
    });
    expect(metric('440300', 'retrofits_started')).toMatchObject({ target: 2550, actual: 2 });
    expect(metric('440600', 'retrofits_started')).toMatchObject({ target: 1700, actual: 0, progress: 0 });
    expect(metric('440300', 'green_factories')).toMatchObject({ target: 40, targetSource: 'set', actual: 1 });
    // No target anywhere: no progress, never a division by zero or a made-up 0 %.
    expect(metric('440000', 'enterprises_on_cloud')).toMatchObject({
      target: null,
      targetSource: null,
      progress: null,
    });
  });

  it('answers a city from its share of the province target, without lines for other cities', () => {
    const lines = planLines({
      year: 2026,
      regionCode: '440100',
      targets: [{ regionCode: '440000', metric: 'enterprises_on_cloud', target: 10000 }],
      shares: { '440100': 0.25, '440300': 0.75 },
      actuals: {
        retrofits_started: none,
        enterprises_on_cloud: new Map([['440106', 10]]),
        green_factories: none,
      },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.metrics.find((m) => m.metric === 'enterprises_on_cloud')).toEqual({
      metric: 'enterprises_on_cloud',
      target: 2500,
      targetSource: 'share',
      actual: 10,
      progress: 0.004,
    });
  });
});

describe('city shares below 1', () => {
  it('split the province total by each city’s share of the province, not of the shares’ sum', () => {
    const [, guangzhou, shenzhen] = planLines({
      year: 2026,
      regionCode: '440000',
      targets: [{ regionCode: '440000', metric: 'retrofits_started', target: 8500 }],
      shares: { '440100': 0.4, '440300': 0.3 },
      actuals: { retrofits_started: none, enterprises_on_cloud: none, green_factories: none },
    });
    // 8500 × 0.4 and × 0.3; the other 30 % belongs to cities without a share.
    expect(guangzhou!.metrics[0]).toMatchObject({ target: 3400, targetSource: 'share' });
    expect(shenzhen!.metrics[0]).toMatchObject({ target: 2550, targetSource: 'share' });
  });
});
