import {
  addMonths,
  defaultBaseline,
  defaultReporting,
  isIsoDate,
  isStatusChangeAllowed,
  patchedRetrofit,
  resolveRetrofit,
  retrofitProblems,
  type RetrofitFields,
} from './retrofit-rules.js';

const valid: RetrofitFields = {
  name: '空压站节能改造',
  kind: 'energy_saving',
  investment: 320.5,
  startDate: '2025-03-15',
};
const fieldsOf = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('retrofit rules', () => {
  it('counts months across year ends in both directions', () => {
    expect(addMonths('2025-03', -12)).toBe('2024-03');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2025-09', 12)).toBe('2026-09');
    expect(addMonths('2025-05', -17)).toBe('2023-12');
  });

  it('defaults the baseline to the 12 months before the start month', () => {
    expect(defaultBaseline('2025-03-15')).toEqual({ from: '2024-03', to: '2025-02' });
    expect(defaultBaseline('2025-01-01')).toEqual({ from: '2024-01', to: '2024-12' });
  });

  it('defaults reporting to the 12 months after the completion month, none before completion', () => {
    expect(defaultReporting('2025-09-30')).toEqual({ from: '2025-10', to: '2026-09' });
    expect(defaultReporting('2025-12-01')).toEqual({ from: '2026-01', to: '2026-12' });
    const open = resolveRetrofit(valid);
    expect(open).toMatchObject({
      baselineFrom: '2024-03',
      baselineTo: '2025-02',
      reportingFrom: null,
      reportingTo: null,
      meters: null,
      targets: [],
      status: 'planned',
      completionDate: null,
    });
    expect(resolveRetrofit({ ...valid, completionDate: '2025-08-20' })).toMatchObject({
      reportingFrom: '2025-09',
      reportingTo: '2026-08',
    });
  });

  it('keeps periods that are given', () => {
    const r = resolveRetrofit({
      ...valid,
      completionDate: '2025-08-20',
      baselineFrom: '2023-01',
      baselineTo: '2023-12',
      reportingFrom: '2026-01',
      reportingTo: '2026-06',
    });
    expect(r).toMatchObject({
      baselineFrom: '2023-01',
      baselineTo: '2023-12',
      reportingFrom: '2026-01',
      reportingTo: '2026-06',
    });
  });

  it('accepts a valid project', () => {
    expect(
      retrofitProblems({
        ...valid,
        completionDate: '2025-03-15',
        meters: ['M-1', 'M-2'],
        targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -10 }],
        status: 'completed',
      }),
    ).toEqual([]);
  });

  it('names every broken field', () => {
    const problems = retrofitProblems({
      name: ' ',
      kind: 'painting',
      investment: -1,
      startDate: '2025-02-30',
      completionDate: '2025-13-01',
      status: 'done',
    });
    expect(fieldsOf(problems).sort()).toEqual(
      ['completionDate', 'investment', 'kind', 'name', 'startDate', 'status'].sort(),
    );
  });

  it('refuses a completion before the start, and a completed project without completion', () => {
    expect(fieldsOf(retrofitProblems({ ...valid, completionDate: '2025-03-14' }))).toEqual([
      'completionDate',
    ]);
    expect(retrofitProblems({ ...valid, status: 'completed' })).toEqual([
      expect.objectContaining({ field: 'completionDate', code: 'REQUIRED' }),
    ]);
  });

  it('checks months, their order and that both ends are given', () => {
    expect(retrofitProblems({ ...valid, baselineFrom: '2024-01', baselineTo: '2024-01' })).toEqual([]);
    expect(fieldsOf(retrofitProblems({ ...valid, baselineFrom: '2024-02', baselineTo: '2024-01' }))).toEqual([
      'baselineTo',
    ]);
    expect(fieldsOf(retrofitProblems({ ...valid, reportingFrom: '2026-01' }))).toEqual(['reportingTo']);
    expect(fieldsOf(retrofitProblems({ ...valid, baselineFrom: '2024-1', baselineTo: '2024-13' }))).toEqual([
      'baselineFrom',
      'baselineTo',
    ]);
  });

  it('checks meters and targets item by item', () => {
    const problems = retrofitProblems({
      ...valid,
      meters: ['M-1', 'M-1', 'bad id!'],
      targets: [
        { indicator: 'energy.intensity.unit_product', changePercent: -10 },
        { indicator: 'energy.intensity.unit_product', changePercent: -5 },
        { indicator: 'energy.made_up', changePercent: Number.POSITIVE_INFINITY },
        { indicator: 'intelligence.oee', changePercent: 5, weight: 2 },
      ],
    });
    expect(fieldsOf(problems)).toEqual([
      'meters[1]',
      'meters[2]',
      'targets[1].indicator',
      'targets[2].indicator',
      'targets[2].changePercent',
      'targets[3].weight',
    ]);
    expect(fieldsOf(retrofitProblems({ ...valid, meters: [] }))).toEqual(['meters']);
    expect(fieldsOf(retrofitProblems({ ...valid, targets: 'x' }))).toEqual(['targets']);
  });

  it('only knows real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-4-01')).toBe(false);
  });

  it('moves statuses forward only, except for operators', () => {
    expect(isStatusChangeAllowed('planned', 'in_progress', 'provider')).toBe(true);
    expect(isStatusChangeAllowed('planned', 'completed', 'provider')).toBe(true);
    expect(isStatusChangeAllowed('completed', 'completed', 'provider')).toBe(true);
    expect(isStatusChangeAllowed('completed', 'in_progress', 'provider')).toBe(false);
    expect(isStatusChangeAllowed('assessed', 'planned', 'provider')).toBe(false);
    expect(isStatusChangeAllowed('assessed', 'planned', 'operator')).toBe(true);
  });

  describe('patch', () => {
    const stored = resolveRetrofit({ ...valid, completionDate: '2025-08-20' });

    it('moves defaulted periods with their dates', () => {
      const next = resolveRetrofit(
        patchedRetrofit(stored, { startDate: '2025-05-01', completionDate: '2025-11-30' }),
      );
      expect(next).toMatchObject({
        baselineFrom: '2024-05',
        baselineTo: '2025-04',
        reportingFrom: '2025-12',
        reportingTo: '2026-11',
      });
    });

    it('keeps periods the provider chose when the dates move', () => {
      const chosen = resolveRetrofit({
        ...valid,
        completionDate: '2025-08-20',
        baselineFrom: '2023-01',
        baselineTo: '2023-12',
        reportingFrom: '2026-01',
        reportingTo: '2026-12',
      });
      const next = resolveRetrofit(
        patchedRetrofit(chosen, { startDate: '2025-05-01', completionDate: '2025-11-30' }),
      );
      expect(next).toMatchObject({
        baselineFrom: '2023-01',
        baselineTo: '2023-12',
        reportingFrom: '2026-01',
        reportingTo: '2026-12',
      });
    });

    it('fills reporting when completion arrives later, and clears a defaulted one with it', () => {
      const open = resolveRetrofit(valid);
      expect(resolveRetrofit(patchedRetrofit(open, { completionDate: '2025-06-10' }))).toMatchObject({
        reportingFrom: '2025-07',
        reportingTo: '2026-06',
      });
      expect(resolveRetrofit(patchedRetrofit(stored, { completionDate: null }))).toMatchObject({
        completionDate: null,
        reportingFrom: null,
        reportingTo: null,
      });
    });

    it('leaves fields the patch does not name', () => {
      const next = resolveRetrofit(patchedRetrofit(stored, { status: 'in_progress' }));
      expect(next).toEqual({ ...stored, status: 'in_progress' });
    });
  });
});
