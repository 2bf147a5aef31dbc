import * as indicators from '../index.js';
import type {
  BenchmarkCandidate,
  BenchmarkInput,
  BenchmarkMetric,
  BenchmarkSelection,
  DeclaredTotals,
  Granularity,
  IndicatorSnapshot,
  MvObservation,
  OlsFit,
  PlanMetric,
  PlanTarget,
  RetrofitAssessment,
  RetrofitAssessmentInput,
  RetrofitTarget,
  SizeClass,
  Verdict,
  VerdictReason,
} from '../index.js';

// The issue-10 contract (PLAN-issue10.md §A) fixes these names for the query side: they must stay
// exported from #grip/indicators. The type list above fails to compile if one is renamed.
type Contract = [
  BenchmarkCandidate,
  BenchmarkInput,
  BenchmarkMetric,
  BenchmarkSelection,
  DeclaredTotals,
  Granularity,
  IndicatorSnapshot,
  MvObservation,
  OlsFit,
  PlanMetric,
  PlanTarget,
  RetrofitAssessment,
  RetrofitAssessmentInput,
  RetrofitTarget,
  SizeClass,
  Verdict,
  VerdictReason,
];

describe('#grip/indicators assessment exports', () => {
  it.each([
    'fitOls',
    'studentTQuantile',
    'assessRetrofit',
    'degreeDays',
    'selectBenchmarks',
    'classifySize',
    'splitTargetByShares',
    'planProgress',
  ])('exports %s as a function', (name) => {
    expect(typeof (indicators as Record<string, unknown>)[name]).toBe('function');
  });

  it('keeps the contract types', () => {
    const granularity: Contract[5] = 'month';
    expect(granularity).toBe('month');
  });
});
