import { DEFAULT_METHODOLOGY, type MethodologyFactor } from '../methodology/methodology.js';
import { selectBenchmarks, type BenchmarkCandidate } from './benchmark-selection.js';

// Golden cases of the benchmark issue (indicators.md §7): peer-group fallback, ties, gating.
function candidate(
  id: string,
  industryCode: string,
  metrics: BenchmarkCandidate['metrics'] = {},
  extra: Partial<BenchmarkCandidate> = {},
): BenchmarkCandidate {
  return {
    enterpriseId: id,
    name: `Enterprise ${id}`,
    industryCode,
    regionCode: '440100',
    sizeClass: 'medium',
    coverage: 0.95,
    violations: {},
    metrics: { 'green.score': 60, ...metrics },
    ...extra,
  };
}

const many = (
  prefix: string,
  count: number,
  industryCode: string,
  metric = (i: number) => ({ 'green.score': i }),
) =>
  Array.from({ length: count }, (_, i) =>
    candidate(`${prefix}${String(i).padStart(3, '0')}`, industryCode, metric(i)),
  );

describe('selectBenchmarks', () => {
  it('climbs from class to group when the class is too small', () => {
    // C3911 has 10 gated enterprises (< 30); the group C391 has 10 + 25 = 35; C3921 is outside it.
    const candidates = [...many('a', 10, 'C3911'), ...many('b', 25, 'C3912'), ...many('c', 5, 'C3921')];
    const result = selectBenchmarks({ industry: 'C3911', candidates });
    expect(result.peerGroup).toMatchObject({
      level: 'group',
      code: 'C391',
      size: 35,
      minimum: 30,
      reachedMinimum: true,
    });
    expect(result.peerGroup.tried).toEqual([
      { level: 'class', code: 'C3911', size: 10 },
      { level: 'group', code: 'C391', size: 35 },
    ]);
    expect(result.ranked).toHaveLength(35);
    expect(result.excluded.filter((e) => e.rule === 'outside_peer_group').map((e) => e.enterpriseId)).toEqual(
      ['c000', 'c001', 'c002', 'c003', 'c004'],
    );
  });

  it('uses the division and says so when no level reaches the minimum', () => {
    const candidates = [...many('a', 5, 'C3911'), ...many('b', 5, 'C3921'), ...many('x', 40, 'C4011')];
    const result = selectBenchmarks({ industry: 'C3911', candidates });
    expect(result.peerGroup).toMatchObject({
      level: 'division',
      code: 'C39',
      size: 10,
      reachedMinimum: false,
    });
    expect(result.peerGroup.note).toMatch(/no level reached 30.*C3911: 5, C391: 5, C39: 10.*division C39/);
  });

  it('orders ties deterministically by enterpriseId and scores them alike', () => {
    const same = { 'energy.intensity.output_value': 0.05, 'green.score': 70 };
    const candidates = ['e3', 'e1', 'e4', 'e2'].map((id) => candidate(id, 'C3911', same));
    const minimum = {
      key: 'benchmark.peer_group.min_size',
      value: 2,
      unit: 'count',
      source: 'test',
      confidence: 'U' as const,
    };
    const result = selectBenchmarks({ industry: 'C3911', candidates, methodology: withFactor(minimum) });
    expect(result.ranked.map((r) => [r.enterpriseId, r.rank])).toEqual([
      ['e1', 1],
      ['e2', 2],
      ['e3', 3],
      ['e4', 4],
    ]);
    // Four equal values: 100·(0 + 4)/8 = 50 each, so the composite is 50 and nobody is selected.
    for (const r of result.ranked) {
      expect(r).toMatchObject({
        percentiles: { 'energy.intensity.output_value': 50, 'green.score': 50 },
        composite: 50,
      });
      expect(r).toMatchObject({ selected: false, rule: 'below_threshold' });
    }
  });

  it('gates out low coverage, violations and energy above the national limit, and does not count them', () => {
    const candidates = [
      ...many('a', 30, 'C3911'),
      candidate('g1', 'C3911', {}, { coverage: 0.89 }),
      candidate('g2', 'C3911', {}, { violations: { environmental: true } }),
      candidate('g3', 'C3911', {}, { energyPerUnitProduct: 1.2, nationalLimit: 1.1 }),
      candidate('g4', 'C3911', {}, { energyPerUnitProduct: 1.1, nationalLimit: 1.1 }),
      { ...candidate('g5', 'C3911'), metrics: {} },
    ];
    const result = selectBenchmarks({ industry: 'C3911', candidates });
    expect(result.peerGroup).toMatchObject({ level: 'class', size: 31 });
    const rules = Object.fromEntries(
      result.excluded.filter((e) => e.enterpriseId.startsWith('g')).map((e) => [e.enterpriseId, e.rule]),
    );
    expect(rules).toEqual({
      g1: 'coverage',
      g2: 'violation',
      g3: 'above_national_limit',
      g5: 'missing_metrics',
    });
    expect(result.excluded.find((e) => e.enterpriseId === 'g1')!.message).toBe(
      'data coverage 0.89 is below 0.9',
    );
    // g4 sits exactly at the limit: not above it, so ranked.
    expect(result.ranked.some((r) => r.enterpriseId === 'g4')).toBe(true);
  });

  it('splits by size class when asked', () => {
    const candidates = [...many('a', 30, 'C3911'), candidate('s1', 'C3911', {}, { sizeClass: 'small' })];
    const result = selectBenchmarks({ industry: 'C3911', sizeClass: 'medium', candidates });
    expect(result.peerGroup.size).toBe(30);
    expect(result.ranked.some((r) => r.enterpriseId === 's1')).toBe(false);
    expect(result.excluded.find((e) => e.enterpriseId === 's1')).toEqual({
      enterpriseId: 's1',
      name: 'Enterprise s1',
      rule: 'size_class',
      message: 'size class small, the peer group is medium',
    });
  });

  it('weighs the metrics present, renormalised, and applies the threshold and the two-period rule', () => {
    // 40 peers; green score 0…39 and, for the first 20, energy intensity falling with i (better).
    const candidates = Array.from({ length: 40 }, (_, i) =>
      candidate(
        `e${String(i).padStart(2, '0')}`,
        'C3911',
        {
          'green.score': i,
          ...(i < 20 && { 'energy.intensity.output_value': 1 - i / 100 }),
        },
        { previousTopGroup: i === 38 ? false : i === 37 ? true : undefined },
      ),
    );
    const result = selectBenchmarks({ industry: 'C3911', candidates });
    const byId = Object.fromEntries(result.ranked.map((r) => [r.enterpriseId, r]));
    // e19: green 100·(2·19 + 1)/80 = 48.75 → 49; energy best of 20: 100·39/40 = 97.5 → 98;
    // composite = (15·98 + 20·49)/(15 + 20) = 2450/35 = 70.
    expect(byId.e19.percentiles).toEqual({ 'energy.intensity.output_value': 98, 'green.score': 49 });
    expect(byId.e19.composite).toBeCloseTo(70, 12);
    // e39: green only, 100·79/80 = 98.75 → 99, selected (no history). e38: 100·77/80 = 96.25 → 96,
    // not top group last period → left out. e37: 93.75 → 94, in the top group last period → selected.
    expect(byId.e39).toMatchObject({ composite: 99, selected: true, rank: 1 });
    expect(byId.e38).toMatchObject({ composite: 96, selected: false, rule: 'not_top_two_periods' });
    expect(byId.e37).toMatchObject({ composite: 94, selected: true });
    // 75 threshold: green 100·(2i + 1)/80 ≥ 74.5 ⇔ i ≥ 29.3, so e30…e39 reach it, minus e38.
    expect(
      result.ranked
        .filter((r) => r.selected)
        .map((r) => r.enterpriseId)
        .sort(),
    ).toEqual(['e30', 'e31', 'e32', 'e33', 'e34', 'e35', 'e36', 'e37', 'e39']);
    expect(result.excluded.find((e) => e.enterpriseId === 'e38')).toMatchObject({
      rule: 'not_top_two_periods',
    });
    expect(result.weights).toMatchObject({
      'energy.intensity.output_value': 15,
      'intelligence.oee': 12.5,
      'green.score': 20,
    });
  });

  it('refuses a code that is not GB/T 4754', () => {
    expect(() => selectBenchmarks({ industry: '39', candidates: [] })).toThrow(RangeError);
  });
});

function withFactor(f: MethodologyFactor) {
  return {
    ...DEFAULT_METHODOLOGY,
    factors: [...DEFAULT_METHODOLOGY.factors.filter((x) => x.key !== f.key), f],
  };
}
