import { readFileSync } from 'node:fs';
import { carbonEmissions, type CarbonEmissionsInput, type EmissionLine } from './carbon-emissions.js';
import { carbonIntensity } from './carbon-intensity.js';

// Golden fixture: the indicators.md §3 worked example, computed by hand (see its explanation).
interface Fixture {
  input: CarbonEmissionsInput;
  outputValueWanYuan: number;
  expected: {
    status: string;
    unit: string;
    formulaId: string;
    methodologyVersion: string;
    gridFactor: Record<string, unknown>;
    lines: (Partial<EmissionLine> & { tco2: number })[];
    totalTco2: number;
    intensity: { value: number; unit: string; formulaId: string };
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/worked-example-guangdong-2023.json', import.meta.url), 'utf8'),
) as Fixture;

describe('carbon worked example (Guangdong 2023, one month)', () => {
  const result = carbonEmissions(fixture.input);
  const { expected } = fixture;

  it('uses the Guangdong factor of the data year and says so', () => {
    expect(result.inputs.gridFactor).toMatchObject(expected.gridFactor);
  });

  it('gives one line per source with its factor', () => {
    expect(result.inputs.lines).toHaveLength(expected.lines.length);
    expected.lines.forEach(({ tco2: expectedTco2, ...line }, i) => {
      const { tco2, ...actual } = result.inputs.lines[i];
      expect(actual).toMatchObject(line);
      expect(tco2).toBeCloseTo(expectedTco2, 6);
    });
  });

  it('sums to 887.3458 tCO2', () => {
    if (result.status === 'missing') throw new Error(result.reason);
    expect(result).toMatchObject({
      status: expected.status,
      unit: expected.unit,
      formulaId: expected.formulaId,
      methodologyVersion: expected.methodologyVersion,
    });
    expect(result.value).toBeCloseTo(expected.totalTco2, 6);
    expect(result).not.toHaveProperty('coverage');
  });

  it('gives 0.17746916 tCO2/万元 for an output value of 5,000 万元', () => {
    const intensity = carbonIntensity(
      result.status === 'missing' ? undefined : result.value,
      fixture.outputValueWanYuan,
    );
    if (intensity.status === 'missing') throw new Error(intensity.reason);
    expect(intensity).toMatchObject({
      status: 'ok',
      unit: expected.intensity.unit,
      formulaId: expected.intensity.formulaId,
    });
    expect(intensity.value).toBeCloseTo(expected.intensity.value, 8);
  });
});
