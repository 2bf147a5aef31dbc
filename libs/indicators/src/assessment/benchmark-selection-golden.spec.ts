import { readFileSync } from 'node:fs';
import { DEFAULT_METHODOLOGY } from '../methodology/methodology.js';
import { selectBenchmarks, type BenchmarkCandidate, type RankedBenchmark } from './benchmark-selection.js';

// Golden fixture of the benchmark issue (indicators.md §7): a peer group too small → the next
// GB/T 4754 level, ties in deterministic order, an enterprise gated out for coverage. The
// percentiles and composites are derived by hand in the fixture's `derivation`.
interface Fixture {
  candidates: (Pick<BenchmarkCandidate, 'enterpriseId' | 'name' | 'industryCode' | 'metrics'> & {
    coverage?: number;
  })[];
  cases: {
    name: string;
    minimum: number;
    expected: {
      peerGroup: Record<string, unknown>;
      tried: unknown[];
      ranked?: (Omit<RankedBenchmark, 'name'> & { composite: number })[];
      excluded: [string, string][];
    };
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/benchmark-selection.json', import.meta.url), 'utf8'),
) as Fixture;

const candidates: BenchmarkCandidate[] = fixture.candidates.map((c) => ({
  regionCode: '440100',
  sizeClass: 'medium',
  violations: {},
  coverage: 0.95,
  ...c,
}));

function withMinimum(value: number) {
  return {
    ...DEFAULT_METHODOLOGY,
    factors: DEFAULT_METHODOLOGY.factors.map((f) =>
      f.key === 'benchmark.peer_group.min_size' ? { ...f, value } : f,
    ),
  };
}

describe('selectBenchmarks golden fixture', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = selectBenchmarks({ industry: 'C3911', candidates, methodology: withMinimum(c.minimum) });
    expect(result.peerGroup).toMatchObject({
      ...c.expected.peerGroup,
      minimum: c.minimum,
      tried: c.expected.tried,
    });
    expect(result.excluded.map((e) => [e.enterpriseId, e.rule])).toEqual(c.expected.excluded);
    if (c.expected.ranked) {
      expect(result.ranked).toHaveLength(c.expected.ranked.length);
      c.expected.ranked.forEach(({ composite, ...rest }, i) => {
        expect(result.ranked[i]).toMatchObject(rest);
        expect(result.ranked[i].composite).toBeCloseTo(composite, 8);
      });
    }
  });
});
