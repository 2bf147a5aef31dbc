import { readFileSync } from 'node:fs';
import { firstPassYield, oee, type OeeInput } from './oee.js';

// Golden fixture: OEE from too few state readings is partial (indicators.md §0).
interface Fixture {
  input: OeeInput;
  cases: { coverage: number; expected: Record<string, unknown> }[];
  value: number;
  firstPassYieldAt08: { status: string; value: number; coverage: number };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/oee-coverage-below-threshold.json', import.meta.url), 'utf8'),
) as Fixture;

describe('OEE: state-reading coverage', () => {
  it.each(fixture.cases.map((c) => [c.coverage, c.expected] as const))(
    'coverage %s',
    (coverage, expected) => {
      const result = oee({ ...fixture.input, coverage });
      expect(result).toMatchObject(expected);
      expect(result.status !== 'missing' && result.value).toBeCloseTo(fixture.value, 12);
    },
  );

  it('grades the first-pass yield the same way', () => {
    const { value, ...expected } = fixture.firstPassYieldAt08;
    const fpy = firstPassYield({ ...fixture.input, coverage: expected.coverage });
    expect(fpy).toMatchObject(expected);
    expect(fpy.status !== 'missing' && fpy.value).toBeCloseTo(value, 12);
  });
});
