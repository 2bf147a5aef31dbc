import { indicatorChanges } from './indicator-changes.js';

describe('indicatorChanges', () => {
  const snap = (unit: string, value?: number) =>
    value === undefined
      ? { formulaId: 'energy.intensity.unit_product', status: 'missing' as const, unit }
      : { formulaId: 'energy.intensity.unit_product', status: 'ok' as const, unit, value };

  it('takes the measured side’s unit when the other is missing (a missing result has only a default unit)', () => {
    expect(indicatorChanges([snap('kgce/pcs', 3)], [snap('kgce/unit')])).toEqual([
      { formulaId: 'energy.intensity.unit_product', unit: 'kgce/pcs', baseline: 3, status: 'missing' },
    ]);
  });

  it('gives no change, with the reason, when both sides are measured in different units', () => {
    const [row] = indicatorChanges([snap('kgce/pcs', 3)], [snap('kgce/t', 2)]);
    expect(row).toMatchObject({ status: 'missing', baseline: 3, reporting: 2 });
    expect(row).not.toHaveProperty('changePercent');
    expect(row!.reason).toMatch(/kgce\/pcs in the baseline and kgce\/t/);
  });

  it('is (reporting − baseline) ÷ |baseline| × 100 in the same unit', () => {
    // 3 → 2.64 kgce/pcs: −0.36 ÷ 3 = −12 %.
    expect(indicatorChanges([snap('kgce/pcs', 3)], [snap('kgce/pcs', 2.64)])[0]!.changePercent).toBeCloseTo(
      -12,
      10,
    );
  });
});
