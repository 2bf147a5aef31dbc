import { monthRangePeriod, parseIndicatorPeriod } from './indicator-period.js';

describe('parseIndicatorPeriod', () => {
  it('takes calendar periods in Asia/Shanghai', () => {
    expect(parseIndicatorPeriod('2026-03')).toEqual({
      label: '2026-03',
      kind: 'month',
      year: 2026,
      from: new Date('2026-02-28T16:00:00Z'),
      to: new Date('2026-03-31T16:00:00Z'),
      months: ['2026-03'],
      days: 31,
    });
    expect(parseIndicatorPeriod('2024-Q1')).toMatchObject({
      kind: 'quarter',
      months: ['2024-01', '2024-02', '2024-03'],
      days: 91, // a leap year
    });
    expect(parseIndicatorPeriod('2025')).toMatchObject({
      kind: 'year',
      days: 365,
      to: new Date('2025-12-31T16:00:00Z'),
    });
    expect(parseIndicatorPeriod('2026-12-31')).toMatchObject({
      kind: 'day',
      from: new Date('2026-12-30T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
      months: [],
    });
  });

  it.each(['2026-13', '2026-Q5', '2026-02-30', '26-03', '2026-3', '2026-03-01T00:00', '1999', ''])(
    'refuses %j',
    (label) => {
      expect(parseIndicatorPeriod(label)).toBeUndefined();
    },
  );
});

describe('monthRangePeriod', () => {
  it('spans whole months in Asia/Shanghai, across a year end', () => {
    expect(monthRangePeriod('2025-03', '2026-02')).toEqual({
      label: '2025-03..2026-02',
      kind: 'range',
      year: 2025, // the middle month is 2025-08
      from: new Date('2025-02-28T16:00:00Z'),
      to: new Date('2026-02-28T16:00:00Z'),
      months: [
        '2025-03',
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
      ],
      days: 365,
    });
    expect(monthRangePeriod('2024-12', '2024-12')).toMatchObject({ months: ['2024-12'], days: 31 });
  });

  it('is what a range label parses to, so stored range sets can be recomputed by their key', () => {
    expect(parseIndicatorPeriod('2025-03..2026-02')).toEqual(monthRangePeriod('2025-03', '2026-02'));
    expect(parseIndicatorPeriod('2025-03..2026')).toBeUndefined();
  });

  it('refuses a backwards run and what is not a month', () => {
    expect(monthRangePeriod('2026-02', '2025-03')).toBeUndefined();
    expect(monthRangePeriod('2026-13', '2026-12')).toBeUndefined();
    expect(monthRangePeriod('2026', '2026-12')).toBeUndefined();
  });
});
