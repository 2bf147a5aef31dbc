import { readFileSync } from 'node:fs';
import { assessRetrofit, type RetrofitAssessmentInput } from './retrofit-assessment.js';

// Golden fixtures of the retrofit issue (indicators.md §6): every expected figure is derived by
// hand in the fixture's `derivation` and `note` (an exact baseline plus a residual pattern
// orthogonal to the intercept and production, so β, SSE and ρ have closed forms).
interface Expected {
  verdict: string;
  reasonCodes: string[];
  model: Record<string, unknown> & { coefficients: Record<string, number>; passes: boolean };
  savings: Record<string, number>;
  gbt13234Product: Record<string, number>;
  indicatorChangePercent: number;
}
interface Fixture {
  cases: { name: string; input: RetrofitAssessmentInput; expected: Expected }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/retrofit-assessment.json', import.meta.url), 'utf8'),
) as Fixture;

const closeTo = (actual: Record<string, unknown>, expected: Record<string, number>): void => {
  for (const [key, value] of Object.entries(expected))
    expect([key, actual[key]]).toEqual([key, expect.closeTo(value, 6)]);
};

describe('assessRetrofit golden fixtures', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = assessRetrofit(c.input);
    const { coefficients, passes, ...modelStats } = c.expected.model;
    expect(result.verdict).toBe(c.expected.verdict);
    expect(result.reasons.map((r) => r.code)).toEqual(c.expected.reasonCodes);
    expect(result.model).not.toBeNull();
    closeTo(result.model!.coefficients, coefficients);
    closeTo(result.model! as unknown as Record<string, unknown>, modelStats as Record<string, number>);
    expect(result.model!.acceptance.passes).toBe(passes);
    closeTo(result.savings! as unknown as Record<string, unknown>, c.expected.savings);
    const product = result.gbt13234.product!;
    expect(product.status).toBe('ok');
    closeTo(product as unknown as Record<string, unknown>, c.expected.gbt13234Product);
    expect(result.indicatorChanges[0].changePercent).toBeCloseTo(c.expected.indicatorChangePercent, 6);
    expect(result.coverage).toEqual({ baseline: 1, reporting: 1 });
    expect(result.series).toHaveLength(24);
  });

  it('raw energy up, energy per unit product down: GB/T 13234 shows a saving', () => {
    const c = fixture.cases.find((x) => x.name === 'energy-up-per-unit-down')!;
    expect(c.input.reportingTotals.energy).toBeGreaterThan(c.input.baselineTotals.energy);
    const result = assessRetrofit(c.input);
    const product = result.gbt13234.product!;
    const outputValue = result.gbt13234.outputValue!;
    expect(product.status === 'ok' && product.savings).toBeLessThan(0);
    // Output value is 10 × production in the fixture: the same ΔE and rate in tce/万元.
    expect(outputValue.status === 'ok' && outputValue.savings).toBeCloseTo(-1483.2727272727, 6);
    expect(outputValue.status === 'ok' && outputValue.eBase).toBeCloseTo(0.26060606061, 9);
  });

  it('a failing model still shows its statistics and savings, but the verdict is inconclusive', () => {
    const c = fixture.cases.find((x) => x.name === 'baseline-fails-cvrmse')!;
    const result = assessRetrofit(c.input);
    expect(result.verdict).toBe('inconclusive');
    expect(result.reasons[0].message).toMatch(/CV\(RMSE\) 15\.03 % exceeds 15\.00 %/);
    expect(result.reasons.map((r) => r.code)).not.toContain('target_met');
    expect(result.targets[0]).toMatchObject({ met: true });
  });
});
