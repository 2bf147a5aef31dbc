import { readFileSync } from 'node:fs';
import { carbonEmissions, type CarbonEmissionsInput } from './carbon-emissions.js';
import { carbonIntensity, carbonIntensityByValueAdded, carbonPerUnitProduct } from './carbon-intensity.js';

// Golden fixture: an absent input is reported as missing, never read as 0 (indicators.md §0).
type Fn = 'carbonIntensity' | 'carbonIntensityByValueAdded' | 'carbonPerUnitProduct';
interface Fixture {
  cases: { fn: Fn; tco2: number | null; denominator: number | null; expected: Record<string, unknown> }[];
  unknownRegion: { input: CarbonEmissionsInput; expected: Record<string, unknown> };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/missing-declaration.json', import.meta.url), 'utf8'),
) as Fixture;

const call = (fn: Fn, tco2: number | null, d: number | null) =>
  fn === 'carbonIntensity'
    ? carbonIntensity(tco2, d)
    : fn === 'carbonIntensityByValueAdded'
      ? carbonIntensityByValueAdded(tco2, d)
      : carbonPerUnitProduct(tco2, d === null ? undefined : { quantity: d, unit: 't' });

describe('carbon: missing declarations', () => {
  it.each(fixture.cases.map((c) => [c.fn, c] as const))('%s', (_fn, c) => {
    const result = call(c.fn, c.tco2, c.denominator);
    expect(result).toMatchObject(c.expected);
    expect(result).not.toHaveProperty('value');
  });

  it('is missing for a region the methodology has no grid factor for', () => {
    const result = carbonEmissions(fixture.unknownRegion.input);
    expect(result).toMatchObject(fixture.unknownRegion.expected);
    expect(result).not.toHaveProperty('value');
    expect(result.inputs.gridFactor).toBeNull();
  });
});
