import type { EnergyCarrier } from '#grip/contracts';
import { DEFAULT_METHODOLOGY, factor, type Methodology } from '../methodology/methodology.js';
import { carbonEmissions, selectGridFactor } from './carbon-emissions.js';

const without = (key: string): Methodology => ({
  ...DEFAULT_METHODOLOGY,
  version: 'test.1',
  factors: DEFAULT_METHODOLOGY.factors.filter((f) => f.key !== key),
});

const total = (r: ReturnType<typeof carbonEmissions>): number => {
  if (r.status === 'missing') throw new Error(r.reason);
  return r.value;
};

describe('carbonEmissions', () => {
  it('converts heat, coal, coke and the oils with their factors', () => {
    const r = carbonEmissions({
      consumption: { heat: 100, coal: 10, coke: 1, gasoline: 1, lpg: 1, fuel_oil: 1 },
      region: 'guangdong',
      year: 2023,
    });
    expect(r.inputs.lines.map((l) => l.source)).toEqual([
      'heat',
      'gasoline',
      'lpg',
      'fuel_oil',
      'coal',
      'coke',
    ]);
    expect(total(r)).toBeCloseTo(11 + 2.9251 + 3.1013 + 3.1705 + 19.003 + 2.8604, 6);
    // No electricity, so no grid factor is needed or recorded.
    expect(r.inputs.gridFactor).toBeNull();
  });

  it('holds the coal factor as a labelled GRIP default', () => {
    expect(factor(DEFAULT_METHODOLOGY, 'carbon.ef.coal')).toMatchObject({
      value: 1.9003,
      unit: 'tCO2/t',
      confidence: 'U',
    });
  });

  it('uses a measured steam enthalpy instead of 3.763 GJ/t, and says so', () => {
    const r = carbonEmissions({
      consumption: { steam: 100 },
      steamHeatContentGjPerT: 2.8,
      region: 'guangdong',
      year: 2023,
    });
    expect(r.inputs.lines[0]).toMatchObject({ heatContentGjPerT: 2.8, heatContentSource: 'measured' });
    expect(total(r)).toBeCloseTo(100 * 2.8 * 0.11, 6);
    expect(() =>
      carbonEmissions({
        consumption: { steam: 1 },
        steamHeatContentGjPerT: 0,
        region: 'guangdong',
        year: 2023,
      }),
    ).toThrow(RangeError);
  });

  it('may go negative when more electricity is exported than taken', () => {
    const r = carbonEmissions({
      consumption: { electricity: 100_000 },
      exportedElectricityKwh: 300_000,
      region: 'guangdong',
      year: 2023,
    });
    expect(total(r)).toBeCloseTo(-200 * 0.4419, 6);
  });

  it('is missing, naming the factor, when the methodology lacks a consumed fuel', () => {
    const r = carbonEmissions(
      { consumption: { electricity: 1000, coal: 5 }, region: 'guangdong', year: 2023 },
      without('carbon.ef.coal'),
    );
    expect(r).toMatchObject({
      status: 'missing',
      reason: "methodology test.1 has no emission factor 'carbon.ef.coal'",
    });
  });

  it('refuses invalid quantities, unknown carriers and a factor in the wrong unit', () => {
    const base = { region: 'guangdong', year: 2023 };
    expect(() => carbonEmissions({ ...base, consumption: { diesel: -1 } })).toThrow(RangeError);
    expect(() => carbonEmissions({ ...base, consumption: {}, exportedElectricityKwh: Number.NaN })).toThrow(
      RangeError,
    );
    expect(() => carbonEmissions({ ...base, consumption: {}, pvSelfConsumedKwh: -3 })).toThrow(RangeError);
    const water = { water: 1 } as unknown as Partial<Record<EnergyCarrier, number>>;
    expect(() => carbonEmissions({ ...base, consumption: water })).toThrow(
      /'water' is not an energy carrier/,
    );
    expect(() => carbonEmissions({ ...base, year: 2023.5, consumption: {} })).toThrow(RangeError);
    const perKg: Methodology = {
      ...DEFAULT_METHODOLOGY,
      factors: DEFAULT_METHODOLOGY.factors.map((f) =>
        f.key === 'carbon.ef.diesel' ? { ...f, unit: 'kgCO2/kg' } : f,
      ),
    };
    expect(() => carbonEmissions({ ...base, consumption: { diesel: 1 } }, perKg)).toThrow(
      "factor 'carbon.ef.diesel' is in kgCO2/kg, expected tCO2/t",
    );
  });

  it('records the methodology version', () => {
    const r = carbonEmissions({ consumption: { diesel: 1 }, region: 'guangdong', year: 2023 }, without('x'));
    expect(r).toMatchObject({ status: 'ok', methodologyVersion: 'test.1' });
  });
});

describe('selectGridFactor', () => {
  it('is undefined for a region without factors or a methodology without the market factor', () => {
    expect(selectGridFactor('hunan', 2023)).toBeUndefined();
    expect(
      selectGridFactor('guangdong', 2023, without('carbon.grid.carbon_market'), 'carbon-market'),
    ).toBeUndefined();
  });

  it('takes the latest earlier year when a middle year is unpublished', () => {
    const gap = without('carbon.grid.guangdong.2022');
    expect(selectGridFactor('guangdong', 2022, gap)).toMatchObject({
      key: 'carbon.grid.guangdong.2021',
      factorYear: 2021,
    });
  });
});
