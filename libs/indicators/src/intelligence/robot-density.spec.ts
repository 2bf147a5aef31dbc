import { readFileSync } from 'node:fs';
import { robotDensity, type Equipment } from './equipment-rates.js';

// Golden fixture: robots per 10,000 employees (indicators.md §4).
interface Fixture {
  cases: { equipment: Equipment[]; averageEmployees: number; expected: Record<string, unknown> }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/robot-density.json', import.meta.url), 'utf8'),
) as Fixture;

describe('robot density', () => {
  it.each(fixture.cases.map((c, i) => [i + 1, c] as const))('case %s', (_i, c) => {
    expect(robotDensity({ equipment: c.equipment, averageEmployees: c.averageEmployees })).toMatchObject(
      c.expected,
    );
  });
});
