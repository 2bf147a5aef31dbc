import { parseIndicatorPeriod } from './indicator-period.js';

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
