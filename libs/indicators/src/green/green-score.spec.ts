import { DEFAULT_METHODOLOGY, type Methodology, type MethodologyFactor } from '../methodology/methodology.js';
import type { AnyIndicatorResult } from '../result.js';
import {
  greenBenchmarkSet,
  greenFactoryCandidate,
  greenIndicatorScore,
  greenScore,
  linearScore,
} from './green-score.js';

const bench = (
  set: string,
  indicator: string,
  baseline: number,
  leading: number,
  weight: number,
): MethodologyFactor[] =>
  (
    [
      ['baseline', baseline, 'fraction'],
      ['leading', leading, 'fraction'],
      ['weight', weight, 'points'],
    ] as const
  ).map(([part, value, unit]) => ({
    key: `green.2025.${set}.${indicator}.${part}`,
    value,
    unit,
    source: 'test',
    confidence: 'M',
  }));

// An industry set for division C33 with two indicators, weights 30 and 10 (full marks 75 and 25).
const withC33: Methodology = {
  ...DEFAULT_METHODOLOGY,
  version: 'test.1',
  factors: [
    ...DEFAULT_METHODOLOGY.factors,
    ...bench('C33', 'green.wastewater_reuse', 0.5, 0.9, 30),
    ...bench('C33', 'green.solid_waste_utilisation', 0.8, 1, 10),
  ],
};

const partialReuse: AnyIndicatorResult = {
  status: 'partial',
  value: 0.9,
  unit: 'fraction',
  formulaId: 'green.wastewater_reuse',
  inputs: {},
  methodologyVersion: 'test.1',
  coverage: 0.5,
  reason: 'coverage',
};

describe('greenBenchmarkSet', () => {
  it('takes the most specific industry set whole, else the default', () => {
    const set = greenBenchmarkSet('C3360', withC33);
    expect(set.set).toBe('C33');
    expect(set.benchmarks.map((b) => [b.indicator, b.fullScore, b.confidence])).toEqual([
      ['green.wastewater_reuse', 75, 'M'],
      ['green.solid_waste_utilisation', 25, 'M'],
    ]);
    expect(greenBenchmarkSet('C2614', withC33).set).toBe('default');
    expect(greenBenchmarkSet(undefined).benchmarks).toHaveLength(7);
  });

  it('refuses a methodology without any set', () => {
    const none = {
      ...DEFAULT_METHODOLOGY,
      factors: DEFAULT_METHODOLOGY.factors.filter((f) => !f.key.startsWith('green.2025.')),
    };
    expect(() => greenBenchmarkSet('C33', none)).toThrow(/no GB\/T 36132-2025 benchmark set/);
  });
});

describe('green scoring', () => {
  it('refuses a value in another unit than its benchmark, and equal anchors', () => {
    const percent: AnyIndicatorResult = { ...partialReuse, status: 'ok', value: 70, unit: '%' };
    expect(() => greenIndicatorScore({ indicator: 'green.wastewater_reuse', value: percent })).toThrow(
      "indicator 'green.wastewater_reuse' is in %, its benchmark in fraction",
    );
    expect(() => linearScore(1, 2, 2, 10)).toThrow(RangeError);
  });

  it('is missing for an indicator the set does not score or a missing value', () => {
    expect(
      greenIndicatorScore({ indicator: 'green.plot_ratio', value: 1, industry: 'C33' }, withC33),
    ).toMatchObject({
      status: 'missing',
      reason: "set 'C33' has no benchmark for this indicator",
    });
    expect(greenIndicatorScore({ indicator: 'green.plot_ratio', value: undefined })).toMatchObject({
      status: 'missing',
      reason: 'indicator value is missing: not given',
    });
  });

  it('scores out of 100 within an industry set and lists values it does not score', () => {
    const score = greenScore(
      {
        industry: 'C3360',
        values: { 'green.wastewater_reuse': 0.7, 'green.solid_waste_utilisation': 1, 'green.plot_ratio': 1 },
      },
      withC33,
    );
    // (0.7 − 0.5) / 0.4 × 75 = 37.5, plus 25 at the leading value.
    expect(score.status !== 'missing' && score.value).toBeCloseTo(62.5, 10);
    expect(score).toMatchObject({
      status: 'ok',
      inputs: { set: 'C33', notScored: ['green.plot_ratio'] },
    });
    expect(greenScore({ values: {} })).toMatchObject({
      status: 'missing',
      reason: 'no indicator value is given',
    });
  });

  it('keeps the candidate flag undecided while an indicator is partial', () => {
    const score = greenScore(
      {
        industry: 'C33',
        values: { 'green.wastewater_reuse': partialReuse, 'green.solid_waste_utilisation': 1 },
      },
      withC33,
    );
    expect(score).toMatchObject({
      status: 'partial',
      value: 100,
      reason: 'partial indicators: green.wastewater_reuse',
    });
    const candidate = greenFactoryCandidate({ gates: { compliance: true }, score }, withC33);
    expect(candidate).toMatchObject({ status: 'partial', value: false });
    expect(greenFactoryCandidate({ gates: {}, score }, withC33)).toMatchObject({
      status: 'missing',
      reason: 'no gate answer is declared',
    });
  });
});
