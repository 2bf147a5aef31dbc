/**
 * Parses the ISO 8601 instants agents send (api.md): `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with
 * `Z` or `±HH:MM`, into epoch milliseconds; anything else, and any date that is not in the
 * calendar (30 February, hour 24, second 60), is undefined. A zone-less time is refused: it
 * would be ambiguous. The fraction may have 1–9 digits; milliseconds keep the first three
 * (as Date.parse does).
 *
 * Written out by hand because it runs for every point on the ingest hot path: a regular
 * expression, Date.parse and a calendar check took 15 % of the gateway's main thread
 * (docs/benchmarks.md); this reads each character once and allocates nothing.
 */
export function parseIsoInstant(text: string): number | undefined {
  const n = text.length;
  if (n < 17 || n > 35) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== T ||
    text.charCodeAt(13) !== COLON ||
    !(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) ||
    !(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)
  ) {
    return undefined;
  }
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === COLON) {
    second = twoDigits(text, i + 1);
    if (!(second >= 0 && second <= 59)) return undefined;
    i += 3;
    if (text.charCodeAt(i) === DOT) {
      i++;
      let digits = 0;
      for (let d = digitAt(text, i); d >= 0 && digits < 9; d = digitAt(text, ++i)) {
        if (digits < 3) millis = millis * 10 + d;
        digits++;
      }
      if (digits === 0) return undefined;
      if (digits < 3) millis *= digits === 1 ? 100 : 10;
    }
  }
  let offsetMinutes: number;
  const sign = text.charCodeAt(i);
  if (sign === Z && i + 1 === n) {
    offsetMinutes = 0;
  } else if ((sign === PLUS || sign === DASH) && i + 6 === n && text.charCodeAt(i + 3) === COLON) {
    const hours = twoDigits(text, i + 1);
    const minutes = twoDigits(text, i + 4);
    if (!(hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59)) return undefined;
    offsetMinutes = (sign === PLUS ? 1 : -1) * (hours * 60 + minutes);
  } else {
    return undefined;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

const DASH = 45;
const PLUS = 43;
const DOT = 46;
const COLON = 58;
const T = 84;
const Z = 90;

/** The digit at `i`, or -1 (NaN past the end compares false too). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at `i` as a number, or a negative number when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  return tens < 0 || ones < 0 ? -1000 : tens * 10 + ones;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
