import { readFileSync } from 'node:fs';
import { robotDensity, type Equipment } from './equipment-rates.js';
import { maturityLevel } from './intelligence-index.js';
import { oee, type OeeInput } from './oee.js';
import { firstGradeRate, labourProductivity } from './productivity.js';

// Golden fixture: an undeclared input is missing with its reason, never 0 (indicators.md §0).
interface Fixture {
  cases: { fn: string; input: Record<string, unknown>; expected: Record<string, unknown> }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/missing-declaration.json', import.meta.url), 'utf8'),
) as Fixture;

// JSON has no undefined: an absent key is the undeclared value.
const FNS: Record<string, (input: never) => { status: string }> = {
  labourProductivity: (i: Parameters<typeof labourProductivity>[0]) => labourProductivity(i),
  firstGradeRate: (i: Parameters<typeof firstGradeRate>[0]) => firstGradeRate(i),
  robotDensity: (i: { equipment: Equipment[]; averageEmployees: number }) => robotDensity(i),
  oee: (i: OeeInput) => oee(i),
  maturityLevel: (i: { declaredLevel: number }) => maturityLevel(i),
};

describe('intelligence: missing declarations', () => {
  it.each(fixture.cases.map((c) => [c.fn, c] as const))('%s', (fn, c) => {
    const result = FNS[fn](c.input as never);
    expect(result).toMatchObject(c.expected);
    expect(result).not.toHaveProperty('value');
  });
});
