import { bucketStartMs, formatShanghai, hourlyConsumption, type HourBucket } from './counter-rollup.js';

const H = 3_600_000;
const T0 = Date.parse('2024-03-10T00:00:00Z');
const hour = (i: number, first: number, last: number, extra: Partial<HourBucket> = {}): HourBucket => ({
  deviceId: 'd',
  metric: 'm',
  bucketMs: T0 + i * H,
  first,
  last,
  min: Math.min(first, last),
  max: Math.max(first, last),
  firstTs: T0 + i * H + 60_000,
  lastTs: T0 + i * H + 59 * 60_000,
  readings: 2,
  ...extra,
});

describe('hourlyConsumption', () => {
  it('takes last − previous last, and classifies the step into the hour', () => {
    const { rows, dirty } = hourlyConsumption(
      { deviceId: 'd', metric: 'm', counterMax: 1000 },
      hour(-5, 10, 20),
      [hour(0, 25, 40), hour(1, 5, 9), hour(2, 950, 990), hour(3, 3, 4)],
    );
    expect(dirty).toEqual([]);
    expect(rows.map((r) => [r.consumption, r.resets, r.rollovers])).toEqual([
      [20, 0, 0], // 40 − 20
      [9, 1, 0], // reset: 5 since zero, then 4
      [981, 0, 0], // 990 − 9 (the previous hour's last)
      [14, 0, 1], // rollover: 1000 − 990 + 3, then 1
    ]);
  });

  it('counts only the growth inside the first hour when nothing came before', () => {
    expect(
      hourlyConsumption({ deviceId: 'd', metric: 'm' }, undefined, [hour(0, 25, 40)]).rows[0],
    ).toMatchObject({
      consumption: 15,
      readings: 2,
    });
  });

  it('leaves non-monotonic hours and hours beyond the rated limit to the raw query', () => {
    const { rows, dirty } = hourlyConsumption(
      { deviceId: 'd', metric: 'm', maxRatePerHour: 100 },
      hour(-1, 0, 0),
      [
        hour(0, 50, 60, { min: 2 }), // a reset inside
        hour(1, 61, 70, { max: 80 }),
        hour(2, 70, 150), // 80 in ~1 h: within 100 × 1.1
        hour(3, 150, 400), // 250 in 1 h: beyond
      ],
    );
    expect(dirty).toEqual([T0, T0 + H, T0 + 3 * H]);
    expect(rows.map((r) => r.consumption)).toEqual([80]);
  });
});

describe('Shanghai buckets', () => {
  it('starts days at 16:00 UTC and months on the 1st in Shanghai', () => {
    const h = Date.parse('2024-03-31T17:00:00Z'); // 1 April 01:00 in Shanghai
    expect(formatShanghai(bucketStartMs(h, 'hour'))).toBe('2024-04-01T01:00:00+08:00');
    expect(formatShanghai(bucketStartMs(h, 'day'))).toBe('2024-04-01T00:00:00+08:00');
    expect(formatShanghai(bucketStartMs(h, 'month'))).toBe('2024-04-01T00:00:00+08:00');
    expect(formatShanghai(bucketStartMs(h - 2 * H, 'month'))).toBe('2024-03-01T00:00:00+08:00');
  });
});
