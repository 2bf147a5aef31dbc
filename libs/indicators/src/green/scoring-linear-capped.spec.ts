import { readFileSync } from 'node:fs';
import { greenIndicatorScore, linearScore } from './green-score.js';

// Golden fixture: 0 at the baseline, full marks at the leading value, linear and capped (indicators.md §5).
interface Fixture {
  cases: {
    indicator: string;
    value: number;
    expected: { points: number; fullScore: number; direction: string };
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/scoring-linear-capped.json', import.meta.url), 'utf8'),
) as Fixture;

describe('GB/T 36132-2025 linear capped scoring', () => {
  it.each(fixture.cases.map((c) => [c.indicator, c.value, c] as const))('%s = %s', (_i, _v, c) => {
    const result = greenIndicatorScore({ indicator: c.indicator, value: c.value });
    if (result.status === 'missing') throw new Error(result.reason);
    expect(result).toMatchObject({
      status: 'ok',
      unit: 'points',
      formulaId: 'green.indicator_score.gbt36132_2025',
      inputs: {
        set: 'default',
        fullScore: c.expected.fullScore,
        direction: c.expected.direction,
        confidence: 'U',
      },
    });
    expect(result.value).toBeCloseTo(c.expected.points, 8);
  });

  it('scores below the baseline 0 and beyond the leading value full, in both directions', () => {
    expect(linearScore(-5, 0, 10, 20)).toBe(0);
    expect(linearScore(50, 0, 10, 20)).toBe(20);
    expect(linearScore(12, 10, 0, 20)).toBe(0);
    expect(linearScore(-1, 10, 0, 20)).toBe(20);
  });
});
