import { baselineVariables, fitBaseline, predict, type MvObservation } from './adjusted-baseline.js';

const obs = (period: string, production: number, extra: Partial<MvObservation> = {}): MvObservation => ({
  period,
  energy: 10 + production,
  production,
  coverage: 1,
  ...extra,
});

describe('baselineVariables', () => {
  it('adds a degree-day variable only when both periods carry it and it varies over the baseline', () => {
    const baseline = [obs('2024-01', 1, { cdd: 0, hdd: 5 }), obs('2024-02', 2, { cdd: 3, hdd: 5 })];
    // hdd is constant over the baseline: it would duplicate the intercept.
    expect(baselineVariables(baseline, [obs('2025-01', 1, { cdd: 1, hdd: 2 })])).toEqual([
      'production',
      'cdd',
    ]);
    // cdd is absent from the reporting period: it could not be predicted with.
    expect(baselineVariables(baseline, [obs('2025-01', 1, { hdd: 2 })])).toEqual(['production']);
    // cdd is absent from one baseline month.
    expect(baselineVariables([...baseline, obs('2024-03', 3)], [obs('2025-01', 1, { cdd: 1 })])).toEqual([
      'production',
    ]);
  });
});

describe('fitBaseline and predict', () => {
  it('predicts with the fitted coefficients: E = 10 + P exactly → 10 + 7 = 17 at P = 7', () => {
    const baseline = [1, 2, 3, 4].map((p, i) => obs(`2024-0${i + 1}`, p));
    const fit = fitBaseline(baseline, ['production']);
    expect(predict(fit, ['production'], obs('2025-01', 7))).toBeCloseTo(17, 12);
  });
});
