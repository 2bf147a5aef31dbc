import { readFileSync } from 'node:fs';
import { buildingDensity, outputPerLandArea, plotRatio } from './land-use.js';
import { solidWasteUtilisation, wastewaterReuse, waterPerUnitProduct } from './resources.js';

// Golden fixture: zero denominators and blanks are missing, never infinite or 0 (indicators.md §0).
interface Fixture {
  cases: { fn: string; input: never; reason: string }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/zero-denominators.json', import.meta.url), 'utf8'),
) as Fixture;

const FNS: Record<string, (input: never) => { status: string }> = {
  plotRatio,
  buildingDensity,
  outputPerLandArea,
  wastewaterReuse,
  solidWasteUtilisation,
  waterPerUnitProduct,
};

describe('green: zero denominators and blanks', () => {
  it.each(fixture.cases.map((c) => [c.fn, c] as const))('%s', (fn, c) => {
    const result = FNS[fn](c.input);
    expect(result).toMatchObject({ status: 'missing', reason: c.reason });
    expect(result).not.toHaveProperty('value');
  });
});
