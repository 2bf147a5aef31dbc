import { format, subMonths } from 'date-fns';

/** Today's Shanghai calendar month as a local Date on its first day (periods are Shanghai time). */
function shanghaiMonth(now = new Date()): Date {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number);
  return new Date(year!, month! - 1, 1);
}

/** The last complete month, YYYY-MM: the natural default for indicators and benchmarks. */
export const lastCompleteMonth = (now = new Date()): string =>
  format(subMonths(shanghaiMonth(now), 1), 'yyyy-MM');

export const currentYear = (now = new Date()): number => shanghaiMonth(now).getFullYear();
