import { readFileSync } from 'node:fs';
import { carbonIntensity, carbonIntensityByValueAdded, carbonPerUnitProduct } from './carbon-intensity.js';

// Golden fixture: a zero or negative denominator is missing, never infinity or 0 (indicators.md §0).
type Fn = 'carbonIntensity' | 'carbonIntensityByValueAdded' | 'carbonPerUnitProduct';
interface Fixture {
  cases: { fn: Fn; denominator: number; expected: Record<string, unknown> }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/zero-denominators.json', import.meta.url), 'utf8'),
) as Fixture;

const TCO2 = 887.3458;

describe('carbon: zero denominators', () => {
  it.each(fixture.cases.map((c) => [c.fn, c] as const))('%s', (fn, c) => {
    const result =
      fn === 'carbonIntensity'
        ? carbonIntensity(TCO2, c.denominator)
        : fn === 'carbonIntensityByValueAdded'
          ? carbonIntensityByValueAdded(TCO2, c.denominator)
          : carbonPerUnitProduct(TCO2, { quantity: c.denominator, unit: 't' });
    expect(result).toMatchObject(c.expected);
    expect(result).not.toHaveProperty('value');
  });
});
