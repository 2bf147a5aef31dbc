import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DeclarationDto } from './declaration.dto.js';
import { SetPlanTargetsDto } from './plan.dto.js';
import { CreateRetrofitDto, UpdateRetrofitDto } from './retrofit.dto.js';

// The DTOs with the options of the platform's validation pipe (whitelist, forbid unknown).
function problems<T extends object>(type: new () => T, body: unknown): string[] {
  const errors = validateSync(plainToInstance(type, body) as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  const flat = (list: typeof errors, prefix: string): string[] =>
    list.flatMap((e) => {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      return [...(e.constraints ? [field] : []), ...flat(e.children ?? [], field)];
    });
  return flat(errors, '');
}

const valid = { name: '空压站节能改造', kind: 'energy_saving', investment: 320.5, startDate: '2025-03-15' };

describe('retrofit DTOs', () => {
  it('accepts a minimal and a full project', () => {
    expect(problems(CreateRetrofitDto, valid)).toEqual([]);
    expect(
      problems(CreateRetrofitDto, {
        ...valid,
        completionDate: '2025-08-31',
        baselineFrom: '2024-03',
        baselineTo: '2025-02',
        reportingFrom: '2025-09',
        reportingTo: '2026-08',
        meters: ['meter-compressors'],
        targets: [{ indicator: 'energy.intensity.unit_product', changePercent: -10 }],
        status: 'in_progress',
      }),
    ).toEqual([]);
  });

  it('names each bad field, nested targets included', () => {
    expect(
      problems(CreateRetrofitDto, {
        name: '',
        kind: 'paint',
        investment: -1,
        startDate: '15/03/2025',
        baselineFrom: '2024-3',
        meters: [],
        targets: [{ indicator: 'made.up', changePercent: 'ten' }],
        status: 'done',
        colour: 'red',
      }).sort(),
    ).toEqual(
      [
        'name',
        'kind',
        'investment',
        'startDate',
        'baselineFrom',
        'meters',
        'targets.0.indicator',
        'targets.0.changePercent',
        'status',
        'colour',
      ].sort(),
    );
  });

  it('lets a patch name any subset, and null clear the nullable ones', () => {
    expect(problems(UpdateRetrofitDto, {})).toEqual([]);
    expect(problems(UpdateRetrofitDto, { status: 'completed', completionDate: null, meters: null })).toEqual(
      [],
    );
    expect(problems(UpdateRetrofitDto, { investment: -5 })).toEqual(['investment']);
  });

  it('takes plan targets as non-negative integers', () => {
    expect(problems(SetPlanTargetsDto, { retrofitsStarted: 8200, greenFactories: 0 })).toEqual([]);
    expect(problems(SetPlanTargetsDto, { retrofitsStarted: -1, enterprisesOnCloud: 1.5 }).sort()).toEqual([
      'enterprisesOnCloud',
      'retrofitsStarted',
    ]);
  });

  it('takes declared violation flags as booleans, and nothing else inside them', () => {
    expect(problems(DeclarationDto, { violations: { safety: true, environmental: false } })).toEqual([]);
    expect(problems(DeclarationDto, { violations: {} })).toEqual([]);
    expect(problems(DeclarationDto, { violations: { safety: 'yes', fire: true } }).sort()).toEqual([
      'violations.fire',
      'violations.safety',
    ]);
  });
});
