import { METRIC_CATALOG, type EnergyCarrier, type MetricDefinition } from '#grip/contracts';
import { DEFAULT_METHODOLOGY, factor, type Methodology } from '../methodology/methodology.js';
import {
  comprehensiveEnergy,
  energyCoefficientKey,
  energyIntensity,
  energyIntensityByValueAdded,
  energyPerUnitProduct,
} from './comprehensive-energy.js';

const withFactor = (key: string, patch: { value?: number; unit?: string }): Methodology => ({
  ...DEFAULT_METHODOLOGY,
  version: 'test.1',
  factors: DEFAULT_METHODOLOGY.factors.map((f) => (f.key === key ? { ...f, ...patch } : f)),
});

describe('comprehensiveEnergy', () => {
  it('has a coefficient in kgce per catalog unit for every energy carrier', () => {
    for (const def of Object.values(METRIC_CATALOG as Record<string, MetricDefinition>)) {
      if (def.energy?.direction !== 'import') continue;
      for (const basis of ['equivalent', 'equal-value'] as const) {
        expect(factor(DEFAULT_METHODOLOGY, energyCoefficientKey(def.energy.carrier, basis)).unit).toBe(
          `kgce/${def.unit}`,
        );
      }
    }
  });

  it('deducts exported electricity on the same basis', () => {
    const result = comprehensiveEnergy({
      consumption: { electricity: 1_000_000, natural_gas: 50_000 },
      exportedElectricityKwh: 200_000,
    });
    expect(result.exported).toMatchObject({
      carrier: 'electricity',
      quantity: 200_000,
      unit: 'kWh',
      coefficient: 0.1229,
      factorKey: 'energy.coefficient.electricity.equivalent',
    });
    expect(result.exported?.tce).toBeCloseTo(24.58, 4);
    expect(result.totalTce).toBeCloseTo(122.9 + 60.715 - 24.58, 4);
  });

  it('uses the equal-value coefficient for electricity, and says so', () => {
    const result = comprehensiveEnergy({
      consumption: { electricity: 1_000_000, natural_gas: 50_000 },
      exportedElectricityKwh: 100_000,
      basis: 'equal-value',
    });
    expect(result.basis).toBe('equal-value');
    expect(result.carriers[0]).toMatchObject({
      carrier: 'electricity',
      coefficient: 0.3,
      factorKey: 'energy.coefficient.electricity.equal_value',
    });
    expect(result.carriers[0].tce).toBeCloseTo(300, 4);
    expect(result.exported?.tce).toBeCloseTo(30, 4);
    expect(result.totalTce).toBeCloseTo(300 + 60.715 - 30, 4);
  });

  it('converts the other carriers in catalog order', () => {
    const result = comprehensiveEnergy({
      consumption: { lpg: 1, coke: 1, coal: 10, heat: 100, gasoline: 1, fuel_oil: 1 },
    });
    expect(result.carriers.map((c) => [c.carrier, c.unit])).toEqual([
      ['heat', 'GJ'],
      ['gasoline', 't'],
      ['lpg', 't'],
      ['fuel_oil', 't'],
      ['coal', 't'],
      ['coke', 't'],
    ]);
    const tce = Object.fromEntries(result.carriers.map((c) => [c.carrier, c.tce]));
    expect(tce.heat).toBeCloseTo(3.412, 4);
    expect(tce.coal).toBeCloseTo(7.143, 4);
    expect(result.totalTce).toBeCloseTo(3.412 + 1.4714 + 1.7143 + 1.4286 + 7.143 + 0.9714, 4);
  });

  it('records the methodology version and the coefficient it used', () => {
    const m = withFactor('energy.coefficient.natural_gas', { value: 1.33 });
    const result = comprehensiveEnergy({ consumption: { natural_gas: 1000 } }, m);
    expect(result.methodologyVersion).toBe('test.1');
    expect(result.totalTce).toBeCloseTo(1.33, 4);
  });

  it('keeps zero quantities and gives 0 for no consumption', () => {
    expect(comprehensiveEnergy({ consumption: { steam: 0 } }).carriers).toHaveLength(1);
    expect(comprehensiveEnergy({ consumption: {} })).toMatchObject({ totalTce: 0, carriers: [] });
  });

  it('rejects invalid quantities and unknown carriers', () => {
    expect(() => comprehensiveEnergy({ consumption: { diesel: -1 } })).toThrow(RangeError);
    expect(() => comprehensiveEnergy({ consumption: { diesel: Number.NaN } })).toThrow(/diesel/);
    expect(() => comprehensiveEnergy({ consumption: {}, exportedElectricityKwh: -5 })).toThrow(RangeError);
    const water = { water: 10 } as unknown as Partial<Record<EnergyCarrier, number>>;
    expect(() => comprehensiveEnergy({ consumption: water })).toThrow(/'water' is not an energy carrier/);
    const basis = 'market' as unknown as 'equivalent';
    expect(() => comprehensiveEnergy({ consumption: {}, basis })).toThrow(
      /unknown electricity basis 'market'/,
    );
  });

  it('refuses a methodology whose coefficient is missing or in the wrong unit', () => {
    const noSteam: Methodology = {
      ...DEFAULT_METHODOLOGY,
      factors: DEFAULT_METHODOLOGY.factors.filter((f) => f.key !== 'energy.coefficient.steam'),
    };
    expect(() => comprehensiveEnergy({ consumption: { steam: 1 } }, noSteam)).toThrow(
      "methodology 2026.1 has no factor 'energy.coefficient.steam'",
    );
    const perKg = withFactor('energy.coefficient.diesel', { value: 1.4571, unit: 'kgce/kg' });
    expect(() => comprehensiveEnergy({ consumption: { diesel: 2 } }, perKg)).toThrow(
      "methodology test.1: factor 'energy.coefficient.diesel' is in kgce/kg, expected kgce/t",
    );
  });
});

describe('energy intensities', () => {
  it('is missing, with no value, when the output value is absent', () => {
    for (const absent of [undefined, null]) {
      const result = energyIntensity(289.4092, absent);
      expect(result).toEqual({
        status: 'missing',
        unit: 'tce/万元',
        formulaId: 'energy.intensity.output_value',
        inputs: { energyTce: 289.4092, outputValueWanYuan: undefined },
        reason: 'output value (万元) is not declared',
      });
      expect(result).not.toHaveProperty('value');
    }
  });

  it('is missing, never infinite or zero, for a zero or negative output value', () => {
    expect(energyIntensity(289.4092, 0)).toMatchObject({
      status: 'missing',
      reason: 'output value (万元) is 0; the intensity needs a positive value',
    });
    expect(energyIntensity(289.4092, -10)).toMatchObject({ status: 'missing' });
    expect(energyIntensity(289.4092, Number.NaN)).toMatchObject({ status: 'missing' });
  });

  it('is missing when the energy itself is missing', () => {
    expect(energyIntensity(undefined, 5000)).toMatchObject({
      status: 'missing',
      reason: 'comprehensive energy consumption is missing',
    });
  });

  it('divides by value added', () => {
    const result = energyIntensityByValueAdded(289.4092, 812);
    expect(result).toMatchObject({
      status: 'ok',
      unit: 'tce/万元',
      formulaId: 'energy.intensity.value_added',
      inputs: { energyTce: 289.4092, valueAddedWanYuan: 812 },
    });
    expect(result.status === 'ok' && result.value).toBeCloseTo(289.4092 / 812, 10);
    expect(energyIntensityByValueAdded(289.4092, undefined).status).toBe('missing');
  });

  it('gives energy per unit product in kgce per declared unit', () => {
    const result = energyPerUnitProduct(289.4092, { quantity: 12_000, unit: 't' });
    expect(result).toMatchObject({
      status: 'ok',
      unit: 'kgce/t',
      formulaId: 'energy.intensity.unit_product',
    });
    expect(result.status === 'ok' && result.value).toBeCloseTo(24.1174, 4);
    expect(energyPerUnitProduct(289.4092, undefined)).toMatchObject({
      status: 'missing',
      reason: 'qualified product output is not declared',
    });
  });
});
