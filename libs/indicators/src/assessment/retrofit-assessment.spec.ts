import { DEFAULT_METHODOLOGY } from '../methodology/methodology.js';
import type { MvObservation } from './adjusted-baseline.js';
import { assessRetrofit, type RetrofitAssessmentInput } from './retrofit-assessment.js';
import { studentTQuantile } from './student-t.js';

// Small hand-made projects for each verdict rule. The base project: monthly, baseline energy
// = 100 + 2·P exactly (CV(RMSE) 0, so FSU 0) on P = 110…220, reporting 10 % below the baseline
// line on the same production, so avoided = 0.1 × Σ(100 + 2P) = 0.1 × 5160 = 516 tce.
const month = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}`;
const line = (p: number): number => 100 + 2 * p;

function observations(
  year: number,
  count: number,
  energy: (p: number, i: number) => number,
): MvObservation[] {
  return Array.from({ length: count }, (_, k) => {
    const production = 110 + 10 * k;
    return {
      period: month(year + Math.floor(k / 12), (k % 12) + 1),
      energy: energy(production, k),
      production,
      coverage: 1,
    };
  });
}

function project(overrides: Partial<RetrofitAssessmentInput> = {}): RetrofitAssessmentInput {
  const baseline = observations(2024, 12, line);
  const reporting = observations(2025, 12, (p) => 0.9 * line(p));
  return {
    projectId: 'p1',
    granularity: 'month',
    baseline,
    reporting,
    baselineTotals: { energy: 5160, productOutput: 1980 },
    reportingTotals: { energy: 4644, productOutput: 1980 },
    baselineIndicators: [
      { formulaId: 'energy.intensity.unit_product', status: 'ok', value: 2.6, unit: 'tce/unit' },
    ],
    reportingIndicators: [
      { formulaId: 'energy.intensity.unit_product', status: 'ok', value: 2.34, unit: 'tce/unit' },
    ],
    targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -10 }],
    ...overrides,
  };
}

const codes = (input: RetrofitAssessmentInput): string[] => assessRetrofit(input).reasons.map((r) => r.code);

describe('assessRetrofit verdict rules', () => {
  it('an exact baseline and a 10 % cut meeting a −10 % target is achieved', () => {
    // 2.34 / 2.6 − 1 = −10 % exactly (up to rounding, absorbed by the tolerance): met.
    const result = assessRetrofit(project());
    expect(result.verdict).toBe('achieved');
    expect(result.savings).toMatchObject({
      adjustedBaseline: expect.closeTo(5160, 9),
      avoided: expect.closeTo(516, 9),
    });
    expect(result.savings!.fractionalSavings).toBeCloseTo(0.1, 12);
    expect(result.savings!.fsu68).toBeCloseTo(0, 12);
    expect(result.savings!.tValue).toBeCloseTo(studentTQuantile(0.84, 10), 12);
    expect(result.methodologyVersion).toBe(DEFAULT_METHODOLOGY.version);
    expect(result.gbt13234.outputValue).toMatchObject({
      status: 'missing',
      reason: 'the baseline output value is not declared',
    });
  });

  it('a target missed is not achieved', () => {
    const result = assessRetrofit(
      project({ targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -15 }] }),
    );
    expect(result.verdict).toBe('not_achieved');
    expect(result.reasons.map((r) => r.code)).toEqual(['target_missed']);
    expect(result.targets[0]).toMatchObject({ met: false, direction: 'lower_is_better' });
    expect(result.targets[0].actualChangePercent).toBeCloseTo(-10, 9);
  });

  it('reads higher-is-better targets as floors: OEE +15 % is met by +20 %, missed by +10 %', () => {
    const oee = (b: number, r: number): Partial<RetrofitAssessmentInput> => ({
      baselineIndicators: [{ formulaId: 'intelligence.oee', status: 'ok', value: b, unit: 'fraction' }],
      reportingIndicators: [{ formulaId: 'intelligence.oee', status: 'ok', value: r, unit: 'fraction' }],
      targets: [{ indicator: 'intelligence.oee', changePercent: 15 }],
    });
    expect(assessRetrofit(project(oee(0.5, 0.6))).verdict).toBe('achieved');
    expect(assessRetrofit(project(oee(0.5, 0.55))).verdict).toBe('not_achieved');
  });

  it('without targets judges on the adjusted-baseline savings', () => {
    expect(assessRetrofit(project({ targets: [] })).verdict).toBe('achieved');
    const worse = project({ targets: [], reporting: observations(2025, 12, (p) => 1.1 * line(p)) });
    const result = assessRetrofit(worse);
    expect(result.verdict).toBe('not_achieved');
    expect(result.reasons.map((r) => r.code)).toEqual(['no_targets']);
    expect(result.savings!.avoided).toBeCloseTo(-516, 9);
  });

  it('coverage below the threshold is inconclusive, even with the targets met', () => {
    const baseline = observations(2024, 12, line).map((o, i) => ({ ...o, coverage: i < 3 ? 0.7 : 0.9 }));
    // Mean coverage (3 × 0.7 + 9 × 0.9) / 12 = 0.85 < 0.9.
    const result = assessRetrofit(project({ baseline }));
    expect(result.verdict).toBe('inconclusive');
    expect(result.coverage.baseline).toBeCloseTo(0.85, 12);
    expect(result.reasons.map((r) => r.code)).toEqual(['insufficient_coverage']);
    expect(result.gbt13234.product).toMatchObject({ status: 'partial' });
    // The model is still fitted and shown.
    expect(result.model!.coefficients.production).toBeCloseTo(2, 9);
  });

  it('too few points is inconclusive, for the baseline and for the reporting period', () => {
    const baseline = observations(2024, 11, line);
    expect(codes(project({ baseline }))).toEqual(['too_few_points']);
    const reporting = observations(2025, 2, (p) => 0.9 * line(p));
    const result = assessRetrofit(project({ reporting }));
    expect(result.reasons).toMatchObject([
      { code: 'too_few_points', details: { phase: 'reporting', points: 2, minimum: 3 } },
    ]);
  });

  it('periods without readings are left out of the fit and lower the coverage', () => {
    const baseline = observations(2024, 12, line);
    baseline[4] = { ...baseline[4], energy: 0, coverage: 0 };
    const result = assessRetrofit(project({ baseline }));
    expect(result.model!.n).toBe(11);
    expect(result.coverage.baseline).toBeCloseTo(11 / 12, 12);
    expect(result.series[4]).toMatchObject({ actual: null, predicted: expect.closeTo(line(150), 9) });
    // 11 months with readings are below the 12-month minimum.
    expect(result.reasons.map((r) => r.code)).toEqual(['too_few_points']);
  });

  it('constant production cannot be modelled: inconclusive, no model', () => {
    const baseline = observations(2024, 12, line).map((o) => ({ ...o, production: 100 }));
    const result = assessRetrofit(project({ baseline }));
    expect(result.verdict).toBe('inconclusive');
    expect(result.model).toBeNull();
    expect(result.savings).toBeNull();
    expect(result.reasons[0]).toMatchObject({
      code: 'model_singular',
      message: expect.stringMatching(/'production'/),
    });
  });

  it('a target on an indicator missing in one period is inconclusive', () => {
    const result = assessRetrofit(
      project({
        reportingIndicators: [
          { formulaId: 'energy.intensity.unit_product', status: 'missing', unit: 'tce/unit' },
        ],
      }),
    );
    expect(result.verdict).toBe('inconclusive');
    expect(result.reasons.map((r) => r.code)).toEqual(['indicator_missing']);
    expect(result.indicatorChanges[0]).toEqual({
      formulaId: 'energy.intensity.unit_product',
      unit: 'tce/unit',
      baseline: 2.6,
      status: 'missing',
    });
  });

  it('nothing saved: an infinite savings uncertainty is inconclusive', () => {
    // Reporting energy equal to the baseline line: F = 0, an infinite FSU.
    const reporting = observations(2025, 12, line);
    const result = assessRetrofit(project({ reporting, targets: [] }));
    expect(result.reasons.map((r) => r.code)).toEqual(['uncertainty_above_half_savings']);
    expect(result.savings!.fsu68).toBe(Number.POSITIVE_INFINITY);
  });

  it('adds degree days only when the observations carry them and they vary', () => {
    // Daily: energy = 50 + 1.5·P + 4·CDD exactly on 60 days.
    const day = (k: number): string => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10);
    const daily = (offset: number, factor: number): MvObservation[] =>
      Array.from({ length: 60 }, (_, k) => {
        const production = 100 + ((k * 7) % 13);
        const cdd = (k * 5) % 9;
        return {
          period: day(offset + k),
          energy: factor * (50 + 1.5 * production + 4 * cdd),
          production,
          cdd,
          hdd: 0,
          coverage: 1,
        };
      });
    const result = assessRetrofit(
      project({ granularity: 'day', baseline: daily(0, 1), reporting: daily(400, 0.8), targets: [] }),
    );
    expect(result.model!.variables).toEqual(['intercept', 'production', 'cdd']);
    expect(result.model!.coefficients.cdd).toBeCloseTo(4, 9);
    expect(result.model!.acceptance).toEqual({ cvRmseMax: 0.3, nmbeMax: 0.1, passes: true });
    expect(result.savings!.fractionalSavings).toBeCloseTo(0.2, 9);
    expect(result.verdict).toBe('achieved');
  });

  it('refuses malformed observations', () => {
    const baseline = observations(2024, 12, line);
    baseline[0] = { ...baseline[0], coverage: 1.5 };
    expect(() => assessRetrofit(project({ baseline }))).toThrow(/coverage must be a share/);
  });
});
