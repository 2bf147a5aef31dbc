import { readFileSync } from 'node:fs';
import type { EnergyCarrier } from '#grip/contracts';
import { comprehensiveEnergy, energyIntensity, type EnergyBasis } from './comprehensive-energy.js';

// Golden fixture: inputs and expected values computed by hand from GB/T 2589 (indicators.md §2).
interface Fixture {
  input: { consumption: Partial<Record<EnergyCarrier, number>>; basis: EnergyBasis };
  outputValueWanYuan: number;
  expected: {
    methodologyVersion: string;
    carriers: {
      carrier: EnergyCarrier;
      quantity: number;
      unit: string;
      coefficient: number;
      coefficientUnit: string;
      tce: number;
    }[];
    totalTce: number;
    intensity: { value: number; unit: string };
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/worked-example-2589.json', import.meta.url), 'utf8'),
) as Fixture;

describe('GB/T 2589 worked example (one month, equivalent basis)', () => {
  const result = comprehensiveEnergy(fixture.input);

  it('converts each carrier with its coefficient', () => {
    expect(result.carriers).toHaveLength(fixture.expected.carriers.length);
    fixture.expected.carriers.forEach(({ tce: expectedTce, ...expected }, i) => {
      const { tce, ...actual } = result.carriers[i];
      expect(actual).toMatchObject(expected);
      expect(tce).toBeCloseTo(expectedTce, 4);
    });
  });

  it('sums to 289.4092 tce', () => {
    expect(result.totalTce).toBeCloseTo(fixture.expected.totalTce, 4);
    expect(result).toMatchObject({
      unit: 'tce',
      basis: 'equivalent',
      methodologyVersion: fixture.expected.methodologyVersion,
      formulaId: 'energy.comprehensive.gbt2589',
      exported: undefined,
    });
  });

  it('gives 0.05788 tce/万元 for an output value of 5,000 万元', () => {
    const intensity = energyIntensity(result.totalTce, fixture.outputValueWanYuan);
    if (intensity.status !== 'ok') throw new Error(intensity.reason);
    expect(intensity.value).toBeCloseTo(fixture.expected.intensity.value, 8);
    expect(intensity.unit).toBe(fixture.expected.intensity.unit);
    expect(intensity.formulaId).toBe('energy.intensity.output_value');
  });
});
