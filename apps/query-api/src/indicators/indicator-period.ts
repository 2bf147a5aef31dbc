/**
 * Indicator periods (api.md): `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`, calendar periods in
 * Asia/Shanghai (UTC+8 all year, no DST since 1991).
 */
export type PeriodKind = 'day' | 'month' | 'quarter' | 'year' | 'range';

export interface IndicatorPeriod {
  readonly label: string;
  readonly kind: PeriodKind;
  /** The calendar year; for a range, the year of its middle month (the grid factor's year). */
  readonly year: number;
  /** Start, inclusive, as a UTC instant. */
  readonly from: Date;
  /** End, exclusive. */
  readonly to: Date;
  /** The declaration months (`YYYY-MM`) the period spans; empty for a day. */
  readonly months: readonly string[];
  readonly days: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const PATTERN = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?))?$/;

function shanghaiMidnight(year: number, monthIndex: number, day: number): Date {
  return new Date(Date.UTC(year, monthIndex, day) - SHANGHAI_OFFSET_MS);
}

/** The period a label names (a month range `YYYY-MM..YYYY-MM` too), or undefined when the label is not one (or not a real date). */
export function parseIndicatorPeriod(label: string): IndicatorPeriod | undefined {
  const range = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(label);
  if (range) return monthRangePeriod(range[1]!, range[2]!);
  const match = PATTERN.exec(label);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return undefined;
  const [firstMonth, monthCount, kind]: [number, number, PeriodKind] = match[2]
    ? [(Number(match[2]) - 1) * 3, 3, 'quarter']
    : match[3]
      ? [Number(match[3]) - 1, 1, match[4] ? 'day' : 'month']
      : [0, 12, 'year'];
  if (kind === 'day') {
    const day = Number(match[4]);
    const from = shanghaiMidnight(year, firstMonth, day);
    if (new Date(from.getTime() + SHANGHAI_OFFSET_MS).getUTCDate() !== day) return undefined; // 2026-02-30
    return { label, kind, year, from, to: shanghaiMidnight(year, firstMonth, day + 1), months: [], days: 1 };
  }
  const from = shanghaiMidnight(year, firstMonth, 1);
  const to = shanghaiMidnight(year, firstMonth + monthCount, 1);
  const months = Array.from(
    { length: monthCount },
    (_, i) => `${year}-${String(firstMonth + i + 1).padStart(2, '0')}`,
  );
  return {
    label,
    kind,
    year,
    from,
    to,
    months,
    days: Math.round((to.getTime() - from.getTime()) / 86_400_000),
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * A run of whole months, `from` to `to` inclusive (`YYYY-MM`): a retrofit's baseline or reporting
 * period (indicators.md §6), labelled `2025-03..2026-02`. Undefined when either end is not a
 * month or the run is backwards.
 */
export function monthRangePeriod(fromMonth: string, toMonth: string): IndicatorPeriod | undefined {
  const a = MONTH.exec(fromMonth);
  const b = MONTH.exec(toMonth);
  if (!a || !b) return undefined;
  const first = Number(a[1]) * 12 + Number(a[2]) - 1;
  const last = Number(b[1]) * 12 + Number(b[2]) - 1;
  if (last < first || Number(a[1]) < 2000 || Number(b[1]) > 2100) return undefined;
  const monthLabel = (index: number) =>
    `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const months = Array.from({ length: last - first + 1 }, (_, i) => monthLabel(first + i));
  const from = shanghaiMidnight(Math.floor(first / 12), first % 12, 1);
  const to = shanghaiMidnight(Math.floor((last + 1) / 12), (last + 1) % 12, 1);
  return {
    label: `${fromMonth}..${toMonth}`,
    kind: 'range',
    year: Math.floor((first + Math.floor((last - first) / 2)) / 12),
    from,
    to,
    months,
    days: Math.round((to.getTime() - from.getTime()) / 86_400_000),
  };
}
