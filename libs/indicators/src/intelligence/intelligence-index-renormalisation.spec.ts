import { readFileSync } from 'node:fs';
import { intelligenceIndex } from './intelligence-index.js';

// Golden fixture: the index over absent rates, renormalised or missing (indicators.md §4).
interface Fixture {
  cases: {
    rates: Record<string, number>;
    expected: { status: string; value?: number } & Record<string, unknown>;
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/intelligence-index-renormalisation.json', import.meta.url), 'utf8'),
) as Fixture;

describe('intelligence index with absent rates', () => {
  it.each(fixture.cases.map((c) => [Object.keys(c.rates).join(', '), c] as const))('%s', (_name, c) => {
    const { value, ...expected } = c.expected;
    const result = intelligenceIndex(c.rates);
    expect(result).toMatchObject(expected);
    if (value === undefined) expect(result).not.toHaveProperty('value');
    else expect(result.status !== 'missing' && result.value).toBeCloseTo(value, 6);
    expect(result.inputs.renormalised).toBe(Object.keys(c.rates).length < 5);
  });
});
