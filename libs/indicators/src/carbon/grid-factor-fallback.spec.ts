import { readFileSync } from 'node:fs';
import { carbonEmissions, selectGridFactor, type CarbonEmissionsInput } from './carbon-emissions.js';

// Golden fixture: the grid factor by region and data year, with its fallbacks (indicators.md §3).
interface Fixture {
  cases: {
    input: CarbonEmissionsInput;
    expected: { gridFactor: Record<string, unknown>; totalTco2: number };
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/grid-factor-fallback.json', import.meta.url), 'utf8'),
) as Fixture;

describe('carbon: grid factor selection', () => {
  it.each(
    fixture.cases.map((c) => [`${c.input.region} ${c.input.year} ${c.input.gridFactorRegime ?? ''}`, c]),
  )('%s', (_name, { input, expected }) => {
    const result = carbonEmissions(input);
    expect(result.inputs.gridFactor).toMatchObject(expected.gridFactor);
    expect(result.status).toBe('ok');
    expect(result.status !== 'missing' && result.value).toBeCloseTo(expected.totalTco2, 6);
    expect(selectGridFactor(input.region, input.year, undefined, input.gridFactorRegime)).toEqual(
      result.inputs.gridFactor,
    );
  });
});
