/**
 * Indicator periods (api.md): `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`, calendar periods in
 * Asia/Shanghai (UTC+8 all year, no DST since 1991).
 */
export type PeriodKind = 'day' | 'month' | 'quarter' | 'year';

export interface IndicatorPeriod {
  readonly label: string;
  readonly kind: PeriodKind;
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

/** The period a label names, or undefined when the label is not one (or not a real date). */
export function parseIndicatorPeriod(label: string): IndicatorPeriod | undefined {
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
