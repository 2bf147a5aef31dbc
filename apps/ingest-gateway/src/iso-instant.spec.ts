import fc from 'fast-check';
import { parseIsoInstant } from './iso-instant.js';

// What the gateway accepted before this parser: the same shape, Date.parse, a calendar check.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
function reference(ts: string): number | undefined {
  if (!ISO_INSTANT.test(ts)) return undefined;
  const at = Date.parse(ts);
  if (Number.isNaN(at)) return undefined;
  const [year, month, day] = ts.slice(0, 10).split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(2000, month, 0));
  last.setUTCFullYear(year, month, 0);
  if (day < 1 || day > last.getUTCDate()) return undefined;
  // Date.parse takes T24:00 as the next midnight; the parser refuses hour 24.
  if (Number(ts.slice(11, 13)) > 23) return undefined;
  return at;
}

describe('parseIsoInstant', () => {
  it.each([
    ['2026-03-01T07:59:00Z', Date.UTC(2026, 2, 1, 7, 59)],
    ['2026-03-01T07:59Z', Date.UTC(2026, 2, 1, 7, 59)],
    ['2026-03-01T15:59:00+08:00', Date.UTC(2026, 2, 1, 7, 59)],
    ['2026-03-01T00:30:00-05:30', Date.UTC(2026, 2, 1, 6, 0)],
    ['2026-03-01T07:59:00.5Z', Date.UTC(2026, 2, 1, 7, 59, 0, 500)],
    ['2026-03-01T07:59:00.12Z', Date.UTC(2026, 2, 1, 7, 59, 0, 120)],
    ['2026-03-01T07:59:00.123456789Z', Date.UTC(2026, 2, 1, 7, 59, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59.999Z', -1],
  ])('%s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  it.each([
    '2026-03-01 07:59:00Z',
    '2026-03-01T07:59:00',
    '2026-02-29T08:00:00Z',
    '1900-02-29T08:00:00Z',
    '2026-02-30T07:59:00Z',
    '2025-11-31T07:59:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01T23:59:59.Z',
    '2026-01-01T23:59:59.1234567890Z',
    '2026-01-01T23:59:59+0800',
    '2026-01-01T23:59:59+24:00',
    '2026-01-01T23:59:59Zx',
    '+02026-01-01T00:00:00Z',
    '２０２６-01-01T00:00:00Z',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });

  it('agrees with Date.parse on every valid instant', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0002-01-01T00:00:00Z'),
          max: new Date('9998-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('', ':ss', ':ss.f', ':ss.fff', ':ss.ffffff'),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, seconds, offset) => {
          const local = new Date(date.getTime() + offset * 60_000);
          const ms = String(local.getUTCMilliseconds()).padStart(3, '0');
          const tail = seconds
            .replace('ss', two(local.getUTCSeconds()))
            .replace('ffffff', `${ms}456`)
            .replace('fff', ms)
            .replace('f', ms[0]!);
          const zone =
            offset === 0
              ? 'Z'
              : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
          const text =
            `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
            `T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}${tail}${zone}`;
          expect(parseIsoInstant(text)).toBe(reference(text));
          expect(parseIsoInstant(text)).not.toBeUndefined();
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses whatever the old check refused, and accepts the same instant otherwise', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(
        fc.tuple(digits, digits, digits, digits, digits, digits),
        fc.constantFrom('Z', '+08:00', '-23:59', '+24:00', '', 'z'),
        fc.constantFrom('T', ' ', 't'),
        ([yy, mo, dd, hh, mi, ss], zone, sep) => {
          const text = `20${yy}-${mo}-${dd}${sep}${hh}:${mi}:${ss}${zone}`;
          expect(parseIsoInstant(text)).toBe(reference(text));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
