/**
 * When the scheduled indicator runs happen, and for which period (docs/indicators.md §8).
 * Times are wall-clock times in Asia/Shanghai (UTC+8 all year, no DST since 1991); pure, so
 * the scheduler only sets timers.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTimeOfDay(hhmm: string): { hours: number; minutes: number } {
  const match = HHMM.exec(hhmm);
  if (!match) throw new RangeError(`${hhmm} is not a time of day HH:MM`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** Shanghai wall-clock fields of an instant. */
function shanghai(at: Date) {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth(), day: local.getUTCDate() };
}

function instant(year: number, month: number, day: number, hours: number, minutes: number): Date {
  return new Date(Date.UTC(year, month, day, hours, minutes) - SHANGHAI_OFFSET_MS);
}

/** The first instant strictly after `now` at `hhmm` Shanghai time (every day). */
export function nextDaily(now: Date, hhmm: string): Date {
  const { hours, minutes } = parseTimeOfDay(hhmm);
  const { year, month, day } = shanghai(now);
  const today = instant(year, month, day, hours, minutes);
  return today.getTime() > now.getTime() ? today : instant(year, month, day + 1, hours, minutes);
}

/** The first instant strictly after `now` at `hhmm` Shanghai time on the 1st of a month. */
export function nextMonthly(now: Date, hhmm: string): Date {
  const { hours, minutes } = parseTimeOfDay(hhmm);
  const { year, month } = shanghai(now);
  const thisMonth = instant(year, month, 1, hours, minutes);
  return thisMonth.getTime() > now.getTime() ? thisMonth : instant(year, month + 1, 1, hours, minutes);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Shanghai day before the one `at` falls in, as a period label `YYYY-MM-DD`. */
export function yesterdayLabel(at: Date): string {
  const y = shanghai(new Date(at.getTime() - DAY_MS));
  return `${y.year}-${pad(y.month + 1)}-${pad(y.day)}`;
}

/** The Shanghai month before the one `at` falls in, as a period label `YYYY-MM`. */
export function lastMonthLabel(at: Date): string {
  const { year, month } = shanghai(at);
  return month === 0 ? `${year - 1}-12` : `${year}-${pad(month)}`;
}

/**
 * The periods that ended with the month before `at` (the monthly run's work): that month; its
 * quarter when the month closes one (Mar, Jun, Sep, Dec); its year when it is December.
 */
export function periodsEndedBy(at: Date): string[] {
  const month = lastMonthLabel(at);
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return [month, ...(mm % 3 === 0 ? [`${year}-Q${mm / 3}`] : []), ...(mm === 12 ? [`${year}`] : [])];
}

/**
 * The stored periods a declared month feeds: the month, its quarter and its year. Day sets use
 * no declarations and are not affected.
 */
export function periodsFedByMonth(month: string): string[] {
  const [year, mm] = month.split('-');
  return [month, `${year}-Q${Math.ceil(Number(mm) / 3)}`, `${year}`];
}
