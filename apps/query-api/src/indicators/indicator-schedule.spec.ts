import {
  lastMonthLabel,
  periodsEndedBy,
  nextDaily,
  nextMonthly,
  parseTimeOfDay,
  periodsFedByMonth,
  yesterdayLabel,
} from './indicator-schedule.js';

describe('indicator schedule (Asia/Shanghai)', () => {
  it('runs nightly at the next Shanghai wall-clock time', () => {
    // 01:00 in Shanghai on 10 March → 02:30 the same day (18:30 UTC on the 9th).
    expect(nextDaily(new Date('2026-03-09T17:00:00Z'), '02:30').toISOString()).toBe(
      '2026-03-09T18:30:00.000Z',
    );
    // Exactly at the time → tomorrow, so a run never fires twice.
    expect(nextDaily(new Date('2026-03-09T18:30:00Z'), '02:30').toISOString()).toBe(
      '2026-03-10T18:30:00.000Z',
    );
    // 23:00 UTC on 31 Dec is 07:00 on 1 Jan in Shanghai → 02:30 on 2 Jan.
    expect(nextDaily(new Date('2026-12-31T23:00:00Z'), '02:30').toISOString()).toBe(
      '2027-01-01T18:30:00.000Z',
    );
  });

  it('runs monthly on the 1st in Shanghai', () => {
    expect(nextMonthly(new Date('2026-03-09T17:00:00Z'), '03:30').toISOString()).toBe(
      '2026-03-31T19:30:00.000Z',
    );
    // 1 April 01:00 Shanghai (31 March 17:00 UTC): today's run is still ahead.
    expect(nextMonthly(new Date('2026-03-31T17:00:00Z'), '03:30').toISOString()).toBe(
      '2026-03-31T19:30:00.000Z',
    );
    expect(nextMonthly(new Date('2026-12-15T00:00:00Z'), '03:30').toISOString()).toBe(
      '2026-12-31T19:30:00.000Z',
    );
  });

  it('names yesterday and last month in Shanghai, across year ends', () => {
    // 18:30 UTC on 31 Dec 2026 is 02:30 on 1 Jan 2027 in Shanghai.
    expect(yesterdayLabel(new Date('2026-12-31T18:30:00Z'))).toBe('2026-12-31');
    expect(lastMonthLabel(new Date('2026-12-31T18:30:00Z'))).toBe('2026-12');
    expect(yesterdayLabel(new Date('2026-03-01T02:00:00Z'))).toBe('2026-02-28');
    expect(lastMonthLabel(new Date('2026-03-01T02:00:00Z'))).toBe('2026-02');
  });

  it('the monthly run closes the last month, and the quarter and year that ended with it', () => {
    // 03:30 on the 1st in Shanghai is 19:30 UTC the day before.
    expect(periodsEndedBy(new Date('2026-05-31T19:30:00Z'))).toEqual(['2026-05']);
    expect(periodsEndedBy(new Date('2026-06-30T19:30:00Z'))).toEqual(['2026-06', '2026-Q2']);
    expect(periodsEndedBy(new Date('2026-09-30T19:30:00Z'))).toEqual(['2026-09', '2026-Q3']);
    expect(periodsEndedBy(new Date('2026-12-31T19:30:00Z'))).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(periodsEndedBy(new Date('2027-01-31T19:30:00Z'))).toEqual(['2027-01']);
  });

  it('lists the periods a declared month feeds', () => {
    expect(periodsFedByMonth('2026-05')).toEqual(['2026-05', '2026-Q2', '2026']);
    expect(periodsFedByMonth('2026-12')).toEqual(['2026-12', '2026-Q4', '2026']);
  });

  it('refuses a time that is not HH:MM', () => {
    expect(parseTimeOfDay('00:05')).toEqual({ hours: 0, minutes: 5 });
    expect(() => parseTimeOfDay('24:00')).toThrow(RangeError);
    expect(() => parseTimeOfDay('2:30')).toThrow(RangeError);
  });
});
