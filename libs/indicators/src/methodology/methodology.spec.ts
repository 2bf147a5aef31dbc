import { DEFAULT_METHODOLOGY, factor } from './methodology.js';

const value = (key: string): number => factor(DEFAULT_METHODOLOGY, key).value;

describe('DEFAULT_METHODOLOGY', () => {
  it('is version 2026.1 with unique keys and finite values', () => {
    expect(DEFAULT_METHODOLOGY.version).toBe('2026.1');
    const keys = DEFAULT_METHODOLOGY.factors.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of DEFAULT_METHODOLOGY.factors) {
      expect(Number.isFinite(f.value)).toBe(true);
      expect(f.source).not.toBe('');
      expect(f.unit).not.toBe('');
    }
  });

  it('holds the GB/T 2589 coefficients of indicators.md §2 in catalog units', () => {
    expect(factor(DEFAULT_METHODOLOGY, 'energy.coefficient.electricity.equivalent')).toMatchObject({
      value: 0.1229,
      unit: 'kgce/kWh',
      confidence: 'H',
    });
    expect(factor(DEFAULT_METHODOLOGY, 'energy.coefficient.electricity.equal_value')).toMatchObject({
      value: 0.3,
      unit: 'kgce/kWh',
      confidence: 'U',
    });
    expect(value('energy.coefficient.natural_gas')).toBe(1.2143);
    expect(value('energy.coefficient.natural_gas.oil_field')).toBe(1.33);
    expect(value('energy.coefficient.heat')).toBe(34.12);
    expect(value('energy.kgce.calorific_value')).toBe(29307.6);
    // The table gives kgce/kg; stored per tonne because mass meters count tonnes.
    const perKg = {
      steam: 0.1286,
      coal: 0.7143,
      coke: 0.9714,
      fuel_oil: 1.4286,
      gasoline: 1.4714,
      diesel: 1.4571,
      lpg: 1.7143,
    };
    for (const [carrier, kgcePerKg] of Object.entries(perKg)) {
      const f = factor(DEFAULT_METHODOLOGY, `energy.coefficient.${carrier}`);
      expect(f.unit).toBe('kgce/t');
      expect(f.value / 1000).toBeCloseTo(kgcePerKg, 10);
      expect(f.source).toMatch(/^GB\/T 2589-2020/);
    }
  });

  it('holds the emission factors of indicators.md §3', () => {
    expect(
      Object.fromEntries(
        DEFAULT_METHODOLOGY.factors
          .filter((f) => f.key.startsWith('carbon.grid.'))
          .map((f) => [f.key, f.value]),
      ),
    ).toEqual({
      'carbon.grid.guangdong.2021': 0.4715,
      'carbon.grid.guangdong.2022': 0.4403,
      'carbon.grid.guangdong.2023': 0.4419,
      'carbon.grid.southern.2022': 0.3869,
      'carbon.grid.southern.2023': 0.4042,
      'carbon.grid.national.2021': 0.5568,
      'carbon.grid.national.2022': 0.5366,
      'carbon.grid.national.2023': 0.5306,
      'carbon.grid.carbon_market': 0.5703,
    });
    expect(factor(DEFAULT_METHODOLOGY, 'carbon.grid.guangdong.2023')).toMatchObject({
      unit: 'tCO2/MWh',
      validFrom: '2023-01-01',
      validTo: '2023-12-31',
      confidence: 'M',
    });
    expect(factor(DEFAULT_METHODOLOGY, 'carbon.ef.natural_gas')).toMatchObject({
      value: 2.1622,
      unit: 'kgCO2/m3',
    });
    expect(
      ['diesel', 'gasoline', 'lpg', 'fuel_oil', 'coke'].map((fuel) => [
        value(`carbon.ef.${fuel}`),
        factor(DEFAULT_METHODOLOGY, `carbon.ef.${fuel}`).unit,
      ]),
    ).toEqual([
      [3.0959, 'tCO2/t'],
      [2.9251, 'tCO2/t'],
      [3.1013, 'tCO2/t'],
      [3.1705, 'tCO2/t'],
      [2.8604, 'tCO2/t'],
    ]);
    expect(factor(DEFAULT_METHODOLOGY, 'carbon.ef.heat')).toMatchObject({ value: 0.11, unit: 'tCO2/GJ' });
    expect(factor(DEFAULT_METHODOLOGY, 'carbon.steam.heat_content')).toMatchObject({
      value: 3.763,
      unit: 'GJ/t',
    });
  });
});

describe('factor', () => {
  it('throws a clear error for an unknown key', () => {
    expect(() => factor(DEFAULT_METHODOLOGY, 'energy.coefficient.hydrogen')).toThrow(
      "methodology 2026.1 has no factor 'energy.coefficient.hydrogen'",
    );
  });
});
