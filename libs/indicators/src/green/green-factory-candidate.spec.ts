import { readFileSync } from 'node:fs';
import { greenFactoryCandidate, greenScore } from './green-score.js';

// Golden fixture: score out of 100 and the candidate flag (indicators.md §5), by hand.
interface Fixture {
  values: Record<string, number>;
  gatesPass: Record<string, boolean>;
  cases: {
    name: string;
    omit: string[];
    gates: Record<string, boolean | null>;
    expected: { score: number; scoreStatus: string; candidateStatus: string; candidate?: boolean };
  }[];
  pointsAllData: Record<string, number>;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/green-factory-candidate.json', import.meta.url), 'utf8'),
) as Fixture;

const valuesWithout = (omit: string[]) =>
  Object.fromEntries(Object.entries(fixture.values).filter(([k]) => !omit.includes(k)));

describe('green score and candidate flag', () => {
  it('gives each indicator its points', () => {
    const score = greenScore({ values: fixture.values });
    for (const [indicator, points] of Object.entries(fixture.pointsAllData)) {
      expect(score.inputs.indicators[indicator].points).toBeCloseTo(points, 8);
    }
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const score = greenScore({ values: valuesWithout(c.omit) });
    expect(score.status).toBe(c.expected.scoreStatus);
    expect(score.status !== 'missing' && score.value).toBeCloseTo(c.expected.score, 6);
    const candidate = greenFactoryCandidate({ gates: { ...fixture.gatesPass, ...c.gates }, score });
    expect(candidate.status).toBe(c.expected.candidateStatus);
    if (c.expected.candidate === undefined) expect(candidate).not.toHaveProperty('value');
    else expect(candidate).toMatchObject({ value: c.expected.candidate, inputs: { threshold: 80 } });
  });
});
