import { DEFAULT_METHODOLOGY, factor } from './methodology/methodology.js';
import { componentValue, measuredResult, periodsPerYearOf, ratioResult } from './result.js';

const measured = (coverage?: number) =>
  measuredResult({
    formulaId: 'test',
    unit: 'u',
    value: 1,
    inputs: {},
    methodology: DEFAULT_METHODOLOGY,
    coverage,
  });

describe('measuredResult', () => {
  it('grades by coverage against the methodology threshold', () => {
    expect(factor(DEFAULT_METHODOLOGY, 'quality.coverage.threshold')).toMatchObject({
      value: 0.9,
      unit: 'fraction',
      confidence: 'U',
    });
    expect(measured()).toEqual({
      status: 'ok',
      value: 1,
      unit: 'u',
      formulaId: 'test',
      inputs: {},
      methodologyVersion: '2026.1',
    });
    expect(measured(0.95)).toMatchObject({ status: 'ok', coverage: 0.95 });
    expect(measured(0.5)).toMatchObject({ status: 'partial', coverage: 0.5, value: 1 });
    expect(measured(0)).toMatchObject({ status: 'missing' });
    expect(measured(0)).not.toHaveProperty('value');
  });

  it('refuses a coverage outside 0–1', () => {
    expect(() => measured(1.2)).toThrow(RangeError);
    expect(() => measured(Number.NaN)).toThrow(RangeError);
  });
});

describe('ratioResult', () => {
  const spec = (n: number, d: number) => ({
    formulaId: 'share',
    unit: 'fraction',
    numerator: { name: 'n', value: n, label: 'part' },
    denominator: { name: 'd', value: d, label: 'whole' },
    share: true,
  });

  it('keeps a share within 0 and its whole', () => {
    expect(ratioResult(spec(1, 4))).toMatchObject({ status: 'ok', value: 0.25, inputs: { n: 1, d: 4 } });
    expect(ratioResult(spec(5, 4))).toMatchObject({
      status: 'missing',
      reason: 'part (5) exceeds whole (4); the data contradict',
    });
    expect(ratioResult(spec(-1, 4))).toMatchObject({
      status: 'missing',
      reason: 'part is -1; a share needs a value ≥ 0',
    });
  });
});

describe('helpers', () => {
  it('reads components of composites and annualises periods', () => {
    expect(componentValue(undefined)).toEqual({ status: 'missing', reason: 'not given' });
    expect(componentValue(Number.POSITIVE_INFINITY)).toMatchObject({ status: 'missing' });
    expect(componentValue(0.5)).toEqual({ status: 'ok', value: 0.5 });
    expect([periodsPerYearOf('month'), periodsPerYearOf('quarter'), periodsPerYearOf('year')]).toEqual([
      12, 4, 1,
    ]);
  });

  it('annualises a run of months as 12 ÷ its length, and refuses a run that is not whole months', () => {
    expect(periodsPerYearOf({ months: 12 })).toBe(1);
    expect(periodsPerYearOf({ months: 6 })).toBe(2);
    expect(periodsPerYearOf({ months: 18 })).toBeCloseTo(2 / 3, 12);
    expect(() => periodsPerYearOf({ months: 0 })).toThrow(RangeError);
    expect(() => periodsPerYearOf({ months: 2.5 })).toThrow(/whole number of months/);
  });
});
