import { aggregateRegion, EnterpriseContribution } from './region-aggregate.js';

const enterprise = (over: Partial<EnterpriseContribution>): EnterpriseContribution => ({
  enterpriseId: 'e',
  name: 'E',
  energyCoverage: 1,
  energyTce: 0,
  carbonTco2: undefined,
  outputValue: undefined,
  valueAdded: undefined,
  equipmentCounts: {},
  ...over,
});

describe('aggregateRegion', () => {
  it('sums before dividing, never averaging the enterprises’ ratios', () => {
    const result = aggregateRegion(
      [
        enterprise({
          enterpriseId: 'a',
          energyTce: 100,
          outputValue: 1000,
          equipmentCounts: { digitisation_rate: { matching: 1, population: 4 } },
        }),
        enterprise({
          enterpriseId: 'b',
          energyTce: 10,
          outputValue: 10,
          equipmentCounts: { digitisation_rate: { matching: 3, population: 4 } },
        }),
      ],
      0.9,
    );
    // (100 + 10) / (1000 + 10), not the mean of 0.1 and 1.0
    expect(result.indicators['energy.intensity.output_value']).toEqual({
      value: 110 / 1010,
      unit: 'tce/万元',
      enterprises: 2,
      status: 'ok',
    });
    expect(result.equipmentRates.digitisation_rate).toEqual({
      value: 0.5,
      unit: 'fraction',
      enterprises: 2,
      status: 'ok',
    });
  });

  it('leaves out enterprises below the coverage threshold and says why', () => {
    const result = aggregateRegion(
      [
        enterprise({ enterpriseId: 'a', name: 'Full', energyTce: 100, outputValue: 1000 }),
        enterprise({ enterpriseId: 'b', name: 'Thin', energyCoverage: 0.5, energyTce: 1, outputValue: 1000 }),
        enterprise({ enterpriseId: 'c', name: 'Silent', energyCoverage: undefined }),
      ],
      0.9,
    );
    expect(result.enterprises).toEqual({
      inScope: 3,
      contributing: 1,
      excluded: [
        { enterpriseId: 'b', name: 'Thin', reason: 'site meters covered 50.0% of the period, below 90%' },
        { enterpriseId: 'c', name: 'Silent', reason: 'no site-meter data in the period' },
      ],
    });
    expect(result.totals.energyTce).toBe(100);
    // Nobody contributing: the totals are absent, not 0.
    expect(aggregateRegion([], 0.9).totals).toEqual({ energyTce: null, carbonTco2: null, outputValue: null });
    expect(result.indicators['energy.intensity.output_value'].value).toBeCloseTo(0.1, 10);
  });

  it('takes each ratio over the enterprises that have both sides, and says missing when none has', () => {
    const result = aggregateRegion(
      [enterprise({ energyTce: 50 }), enterprise({ energyTce: 20, outputValue: 200 })],
      0.9,
    );
    expect(result.indicators['energy.intensity.output_value']).toMatchObject({ value: 0.1, enterprises: 1 });
    expect(result.indicators['energy.intensity.value_added']).toEqual({
      value: null,
      unit: 'tce/万元',
      enterprises: 0,
      status: 'missing',
    });
  });
});
