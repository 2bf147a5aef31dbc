import { readFileSync } from 'node:fs';
import { carbonEmissions, type CarbonEmissionsInput } from './carbon-emissions.js';
import { carbonIntensity } from './carbon-intensity.js';

// Golden fixture: coverage below the methodology threshold gives `partial` (indicators.md §0).
interface Fixture {
  input: CarbonEmissionsInput;
  outputValueWanYuan: number;
  cases: { coverage: number; expected: { status: string; value?: number; reason?: string } }[];
  expectedIntensityAt085: { status: string; value: number; coverage: number };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/coverage-below-threshold.json', import.meta.url), 'utf8'),
) as Fixture;

describe('carbon: data coverage', () => {
  it.each(fixture.cases.map((c) => [c.coverage, c.expected] as const))(
    'coverage %s',
    (coverage, expected) => {
      const result = carbonEmissions({ ...fixture.input, coverage });
      expect(result.status).toBe(expected.status);
      if (expected.reason !== undefined) expect(result).toMatchObject({ reason: expected.reason });
      if (expected.value === undefined) {
        expect(result).not.toHaveProperty('value');
      } else {
        if (result.status === 'missing') throw new Error(result.reason);
        expect(result.value).toBeCloseTo(expected.value, 6);
        expect(result.coverage).toBe(coverage);
      }
    },
  );

  it('carries the coverage into the intensity', () => {
    const { value, ...expected } = fixture.expectedIntensityAt085;
    const emissions = carbonEmissions({ ...fixture.input, coverage: expected.coverage });
    if (emissions.status === 'missing') throw new Error(emissions.reason);
    const intensity = carbonIntensity(emissions.value, fixture.outputValueWanYuan, {
      coverage: emissions.coverage,
    });
    expect(intensity).toMatchObject(expected);
    expect(intensity.status !== 'missing' && intensity.value).toBeCloseTo(value, 8);
  });
});
