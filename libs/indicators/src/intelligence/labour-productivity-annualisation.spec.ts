import { readFileSync } from 'node:fs';
import type { DeclarationPeriod } from '../result.js';
import { labourProductivity } from './productivity.js';

// Golden fixture: value added (万元) → yuan per person-year, annualised (indicators.md §4).
interface Fixture {
  cases: {
    input: { valueAddedWanYuan: number; averageEmployees: number; period: DeclarationPeriod };
    expected: { value: number; annualisationFactor: number };
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/labour-productivity-annualisation.json', import.meta.url), 'utf8'),
) as Fixture;

describe('labour productivity annualisation', () => {
  it.each(fixture.cases.map((c) => [c.input.period, c.input.averageEmployees, c] as const))(
    '%s, %s employees',
    (_p, _e, c) => {
      const result = labourProductivity(c.input);
      expect(result).toMatchObject({
        status: 'ok',
        unit: 'yuan/person-year',
        formulaId: 'intelligence.labour_productivity',
        inputs: { ...c.input, annualisationFactor: c.expected.annualisationFactor, yuanPerWanYuan: 10_000 },
      });
      expect(result.status !== 'missing' && result.value).toBeCloseTo(c.expected.value, 6);
    },
  );
});
