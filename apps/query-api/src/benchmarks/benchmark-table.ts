import { BENCHMARK_METRICS, type BenchmarkSelection } from '#grip/indicators';
import type { CsvCell } from '../csv-table.js';

export const BENCHMARK_CSV_HEADER: readonly string[] = [
  'enterprise_id',
  'name',
  'listed',
  'rank',
  'selected',
  'composite',
  ...BENCHMARK_METRICS.map((m) => `percentile_${m}`),
  'rule',
  'message',
  'peer_group_level',
  'peer_group_code',
  'peer_group_size',
  'methodology_version',
];

/**
 * The benchmark answer as CSV rows: the ranked enterprises in rank order (selected or not, with
 * the rule that kept a ranked one out), then every enterprise left out before ranking with its
 * rule. Percentiles are blank where the metric is absent, never 0.
 */
export function benchmarkCsvRows(answer: BenchmarkSelection): CsvCell[][] {
  const group = [
    answer.peerGroup.level,
    answer.peerGroup.code,
    answer.peerGroup.size,
    answer.methodologyVersion,
  ];
  const ranked = answer.ranked.map((r) => [
    r.enterpriseId,
    r.name,
    'ranked',
    r.rank,
    r.selected ? 'yes' : 'no',
    r.composite,
    ...BENCHMARK_METRICS.map((m) => r.percentiles[m]),
    r.rule,
    undefined,
    ...group,
  ]);
  const excluded = answer.excluded.map((e) => [
    e.enterpriseId,
    e.name,
    'excluded',
    undefined,
    'no',
    undefined,
    ...BENCHMARK_METRICS.map(() => undefined),
    e.rule,
    e.message,
    ...group,
  ]);
  return [...ranked, ...excluded];
}
