/**
 * What a retrofit project may hold, checked without the database: the same rules for the
 * single-item endpoints, PATCH and bulk imports. The registry applies them before every write;
 * only "meters are devices of the enterprise" needs the database and is checked by the repository.
 */

export const RETROFIT_KINDS = [
  'smart_digital',
  'equipment_renewal',
  'energy_saving',
  'clean_production',
] as const;
export type RetrofitKind = (typeof RETROFIT_KINDS)[number];

/** In the order a project lives through them; a status only moves forward along it. */
export const RETROFIT_STATUSES = ['planned', 'in_progress', 'completed', 'assessed'] as const;
export type RetrofitStatus = (typeof RETROFIT_STATUSES)[number];

/**
 * The indicator ids of indicators.md §2–§5 a target may name: the keys of the enterprise
 * indicator set (apps/query-api/src/indicators/compose-enterprise-indicators.ts). Kept here,
 * not imported, because the registry does not depend on the query side; a spec holds them equal.
 */
export const RETROFIT_TARGET_INDICATORS = [
  'energy.comprehensive',
  'energy.intensity.output_value',
  'energy.intensity.value_added',
  'energy.intensity.unit_product',
  'carbon.emissions',
  'carbon.intensity.output_value',
  'carbon.intensity.value_added',
  'carbon.intensity.unit_product',
  'intelligence.digitisation_rate',
  'intelligence.networking_rate',
  'intelligence.key_process_nc_rate',
  'intelligence.equipment_intelligence_rate',
  'intelligence.equipment_on_cloud_rate',
  'intelligence.aged_equipment_share',
  'intelligence.robot_density',
  'intelligence.index',
  'intelligence.oee',
  'intelligence.first_pass_yield',
  'intelligence.labour_productivity',
  'intelligence.first_grade_rate',
  'green.plot_ratio',
  'green.building_density',
  'green.output_per_land_area',
  'green.solid_waste_utilisation',
  'green.pollutant_per_unit_product.cod',
  'green.pollutant_per_unit_product.nh3_n',
  'green.pollutant_per_unit_product.so2',
  'green.pollutant_per_unit_product.nox',
  'green.pollutant_per_unit_product.vocs',
] as const;

/** A declared goal: the indicator should change by this many percent (−10 = 10 % lower). */
export interface RetrofitTarget {
  indicator: string;
  changePercent: number;
}

/** The fields a project is created from; periods left out take their defaults. */
export interface RetrofitFields {
  name: string;
  kind: RetrofitKind;
  /** 万元. */
  investment: number;
  /** 'YYYY-MM-DD'. */
  startDate: string;
  completionDate?: string | null;
  /** 'YYYY-MM', inclusive. */
  baselineFrom?: string;
  baselineTo?: string;
  reportingFrom?: string | null;
  reportingTo?: string | null;
  /** Device externalIds of the enterprise; null or absent: the whole site. */
  meters?: string[] | null;
  targets?: RetrofitTarget[];
  status?: RetrofitStatus;
}

/** A project's stored values, every period resolved. */
export interface ResolvedRetrofit {
  name: string;
  kind: RetrofitKind;
  investment: number;
  startDate: string;
  completionDate: string | null;
  baselineFrom: string;
  baselineTo: string;
  reportingFrom: string | null;
  reportingTo: string | null;
  meters: string[] | null;
  targets: RetrofitTarget[];
  status: RetrofitStatus;
}

export interface RetrofitProblem {
  field: string;
  code: string;
  message: string;
}

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The external-id shape devices are registered with. */
const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const MAX_RETROFIT_NAME = 200;
export const MAX_RETROFIT_METERS = 500;
export const MAX_RETROFIT_TARGETS = RETROFIT_TARGET_INDICATORS.length;
/** The default baseline and reporting periods: twelve months each (indicators.md §6). */
export const DEFAULT_PERIOD_MONTHS = 12;

/** A real calendar date 'YYYY-MM-DD' (2025-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCDate() === Number(m[3]);
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** 'YYYY-MM' shifted by `months` (may be negative). */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The twelve months before the start month: a start in 2025-03 → 2024-03 … 2025-02. */
export function defaultBaseline(startDate: string): { from: string; to: string } {
  const startMonth = startDate.slice(0, 7);
  return { from: addMonths(startMonth, -DEFAULT_PERIOD_MONTHS), to: addMonths(startMonth, -1) };
}

/** The twelve months after the completion month: completed in 2025-09 → 2025-10 … 2026-09. */
export function defaultReporting(completionDate: string): { from: string; to: string } {
  const completionMonth = completionDate.slice(0, 7);
  return { from: addMonths(completionMonth, 1), to: addMonths(completionMonth, DEFAULT_PERIOD_MONTHS) };
}

/**
 * Whether `role` may move a project from `from` to `to`. Operators may set any status (to
 * correct a mistake); everyone else only forward, planned → in_progress → completed → assessed,
 * skipping steps allowed (a project registered late may already be completed).
 */
export function isStatusChangeAllowed(from: RetrofitStatus, to: RetrofitStatus, role: string): boolean {
  if (role === 'operator' || from === to) return true;
  return RETROFIT_STATUSES.indexOf(to) > RETROFIT_STATUSES.indexOf(from);
}

/**
 * Every problem of a project's fields (form, ranges, order of dates and months, targets), by
 * field. Fields of the wrong JavaScript type are reported, never thrown on.
 */
export function retrofitProblems(fields: Readonly<Record<string, unknown>>): RetrofitProblem[] {
  const problems: RetrofitProblem[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message });
  const { name, kind, investment, startDate, completionDate, status } = fields;

  if (typeof name !== 'string' || name.trim() === '') add('name', 'REQUIRED', 'name is required');
  else if (name.length > MAX_RETROFIT_NAME)
    add('name', 'TOO_LONG', `name is at most ${MAX_RETROFIT_NAME} characters`);
  if (!(RETROFIT_KINDS as readonly unknown[]).includes(kind))
    add('kind', 'INVALID_KIND', `kind is one of ${RETROFIT_KINDS.join(', ')}`);
  if (typeof investment !== 'number' || !Number.isFinite(investment) || investment < 0)
    add('investment', 'INVALID_AMOUNT', 'investment is a finite number of 万元, not negative');
  if (!isIsoDate(startDate)) add('startDate', 'INVALID_DATE', 'startDate is a date, YYYY-MM-DD');
  if (completionDate !== undefined && completionDate !== null) {
    if (!isIsoDate(completionDate))
      add('completionDate', 'INVALID_DATE', 'completionDate is a date, YYYY-MM-DD');
    else if (isIsoDate(startDate) && completionDate < startDate)
      add('completionDate', 'BEFORE_START', 'completionDate is not before startDate');
  }
  if (status !== undefined && !(RETROFIT_STATUSES as readonly unknown[]).includes(status))
    add('status', 'INVALID_STATUS', `status is one of ${RETROFIT_STATUSES.join(', ')}`);
  else if ((status === 'completed' || status === 'assessed') && !isIsoDate(completionDate))
    add('completionDate', 'REQUIRED', `a ${status} project has a completionDate`);

  monthRange(fields, 'baseline', add);
  monthRange(fields, 'reporting', add);
  meterProblems(fields.meters, add);
  targetProblems(fields.targets, add);
  return problems;
}

function monthRange(
  fields: Readonly<Record<string, unknown>>,
  period: 'baseline' | 'reporting',
  add: (field: string, code: string, message: string) => void,
): void {
  const fromField = `${period}From`;
  const toField = `${period}To`;
  const from = fields[fromField];
  const to = fields[toField];
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(from) !== given(to)) {
    add(given(from) ? toField : fromField, 'REQUIRED', `${fromField} and ${toField} are given together`);
    return;
  }
  if (!given(from)) return;
  let ok = true;
  for (const [field, value] of [
    [fromField, from],
    [toField, to],
  ] as const) {
    if (!isMonth(value)) {
      add(field, 'INVALID_MONTH', `${field} is a month, YYYY-MM`);
      ok = false;
    }
  }
  if (ok && (from as string) > (to as string))
    add(toField, 'BEFORE_FROM', `${toField} is not before ${fromField}`);
}

function meterProblems(meters: unknown, add: (field: string, code: string, message: string) => void): void {
  if (meters === undefined || meters === null) return;
  if (!Array.isArray(meters)) {
    add('meters', 'INVALID_TYPE', 'meters is a list of device externalIds, or null for the whole site');
    return;
  }
  if (meters.length === 0)
    add('meters', 'REQUIRED', 'meters lists at least one device (null: the whole site)');
  if (meters.length > MAX_RETROFIT_METERS) add('meters', 'TOO_MANY', `at most ${MAX_RETROFIT_METERS} meters`);
  const seen = new Set<unknown>();
  meters.forEach((m: unknown, i) => {
    if (typeof m !== 'string' || !EXTERNAL_ID.test(m))
      add(`meters[${i}]`, 'INVALID_EXTERNAL_ID', 'a meter is a device externalId');
    else if (seen.has(m)) add(`meters[${i}]`, 'DUPLICATE', `${m} is listed twice`);
    seen.add(m);
  });
}

function targetProblems(targets: unknown, add: (field: string, code: string, message: string) => void): void {
  if (targets === undefined) return;
  if (!Array.isArray(targets)) {
    add('targets', 'INVALID_TYPE', 'targets is a list of {indicator, changePercent}');
    return;
  }
  if (targets.length > MAX_RETROFIT_TARGETS)
    add('targets', 'TOO_MANY', `at most ${MAX_RETROFIT_TARGETS} targets`);
  const seen = new Set<unknown>();
  targets.forEach((t: unknown, i) => {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) {
      add(`targets[${i}]`, 'INVALID_TYPE', 'a target is {indicator, changePercent}');
      return;
    }
    const { indicator, changePercent, ...rest } = t as Record<string, unknown>;
    for (const key of Object.keys(rest))
      add(`targets[${i}].${key}`, 'UNKNOWN_FIELD', `${key} is not a field of a target`);
    if (!(RETROFIT_TARGET_INDICATORS as readonly unknown[]).includes(indicator))
      add(`targets[${i}].indicator`, 'UNKNOWN_INDICATOR', 'indicator is a formula id of indicators.md §2–§5');
    else if (seen.has(indicator))
      add(`targets[${i}].indicator`, 'DUPLICATE', `${String(indicator)} has one target only`);
    seen.add(indicator);
    if (typeof changePercent !== 'number' || !Number.isFinite(changePercent))
      add(
        `targets[${i}].changePercent`,
        'INVALID_NUMBER',
        'changePercent is a finite number (−10 = 10 % lower)',
      );
  });
}

/** The stored values of valid fields: defaults filled in (call after retrofitProblems found none). */
export function resolveRetrofit(fields: RetrofitFields): ResolvedRetrofit {
  const completionDate = fields.completionDate ?? null;
  const baseline =
    fields.baselineFrom !== undefined && fields.baselineTo !== undefined
      ? { from: fields.baselineFrom, to: fields.baselineTo }
      : defaultBaseline(fields.startDate);
  const reporting =
    fields.reportingFrom != null && fields.reportingTo != null
      ? { from: fields.reportingFrom, to: fields.reportingTo }
      : completionDate
        ? defaultReporting(completionDate)
        : { from: null, to: null };
  return {
    name: fields.name,
    kind: fields.kind,
    investment: fields.investment,
    startDate: fields.startDate,
    completionDate,
    baselineFrom: baseline.from,
    baselineTo: baseline.to,
    reportingFrom: reporting.from,
    reportingTo: reporting.to,
    meters: fields.meters ?? null,
    targets: (fields.targets ?? []).map((t) => ({ indicator: t.indicator, changePercent: t.changePercent })),
    status: fields.status ?? 'planned',
  };
}

/** The fields a PATCH may change; absent fields stay, null clears what may be cleared. */
export type RetrofitPatch = Partial<RetrofitFields>;

/**
 * The project after a PATCH. A period the caller does not name follows its date when it still
 * holds the default of the old date (so moving the start moves a defaulted baseline, never one
 * the provider chose); clearing completion clears a defaulted reporting period.
 */
export function patchedRetrofit(current: ResolvedRetrofit, patch: RetrofitPatch): RetrofitFields {
  const startDate = patch.startDate ?? current.startDate;
  const completionDate = patch.completionDate !== undefined ? patch.completionDate : current.completionDate;
  const next: RetrofitFields = {
    name: patch.name ?? current.name,
    kind: patch.kind ?? current.kind,
    investment: patch.investment ?? current.investment,
    startDate,
    completionDate,
    meters: patch.meters !== undefined ? patch.meters : current.meters,
    targets: patch.targets ?? current.targets,
    status: patch.status ?? current.status,
  };
  if (patch.baselineFrom !== undefined || patch.baselineTo !== undefined) {
    next.baselineFrom = patch.baselineFrom;
    next.baselineTo = patch.baselineTo;
  } else {
    const oldDefault = isIsoDate(current.startDate) ? defaultBaseline(current.startDate) : undefined;
    const wasDefault = oldDefault?.from === current.baselineFrom && oldDefault.to === current.baselineTo;
    if (!wasDefault) {
      next.baselineFrom = current.baselineFrom;
      next.baselineTo = current.baselineTo;
    }
  }
  if (patch.reportingFrom !== undefined || patch.reportingTo !== undefined) {
    next.reportingFrom = patch.reportingFrom;
    next.reportingTo = patch.reportingTo;
  } else if (current.reportingFrom !== null && current.reportingTo !== null) {
    const oldDefault = current.completionDate ? defaultReporting(current.completionDate) : undefined;
    const wasDefault = oldDefault?.from === current.reportingFrom && oldDefault.to === current.reportingTo;
    if (!wasDefault) {
      next.reportingFrom = current.reportingFrom;
      next.reportingTo = current.reportingTo;
    }
  }
  return next;
}
