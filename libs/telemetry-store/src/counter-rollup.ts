import type { CounterConsumptionRow, CounterMeter, Granularity } from './energy.queries.js';

/** One meter's merged 1-hour rollup bucket (telemetry_1h), times in epoch milliseconds. */
export interface HourBucket {
  readonly deviceId: string;
  readonly metric: string;
  readonly bucketMs: number;
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly readings: number;
}

export interface HourConsumption extends Omit<CounterConsumptionRow, 'bucket'> {
  readonly bucketMs: number;
}

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/**
 * Consumption per hour bucket of one meter from its rollups, in bucket order, with the
 * same rules as the raw query (energy.queries.ts): consumption of a bucket = last(bucket) −
 * last(previous bucket with data), where the step to the bucket's first reading is an
 * increase, a rollover (counterMax declared and the previous reading ≥ 90 % of it) or a
 * reset (the first reading counts from zero).
 *
 * Returned as `dirty` instead (for the caller to recompute from raw readings):
 * - a bucket whose readings were not monotonic inside (min < first or max > last): a reset
 *   or rollover happened between two of its readings, which the rollup cannot place;
 * - a bucket whose consumption exceeds maxRatePerHour × 1.1 over the time since the
 *   previous reading: it holds at least one outlier step. The converse does not hold: a
 *   single too-fast step inside an hour that is within the limit as a whole is accepted
 *   here, while the per-reading check of the raw query excludes it (storage.md).
 * A decrease that stays within [first, last] of its hour is not visible in the rollup and
 * is treated as growth (storage.md lists this limit).
 */
export function hourlyConsumption(
  meter: CounterMeter,
  lookback: HourBucket | undefined,
  hours: readonly HourBucket[],
): { rows: HourConsumption[]; dirty: number[] } {
  const rows: HourConsumption[] = [];
  const dirty: number[] = [];
  let prev = lookback;
  for (const h of hours) {
    const before = prev;
    prev = h;
    if (h.min < h.first || h.max > h.last) {
      dirty.push(h.bucketMs);
      continue;
    }
    let entry = 0;
    let kind: 'none' | 'increase' | 'reset' | 'rollover' = 'none';
    if (before) {
      if (h.first >= before.last) {
        kind = 'increase';
        entry = h.first - before.last;
      } else if (meter.counterMax && before.last >= 0.9 * meter.counterMax) {
        kind = 'rollover';
        entry = meter.counterMax - before.last + h.first;
      } else {
        kind = 'reset';
        entry = h.first;
      }
    }
    const consumption = entry + (h.last - h.first);
    const since = before ? before.lastTs : h.firstTs;
    if (meter.maxRatePerHour && consumption > meter.maxRatePerHour * ((h.lastTs - since) / HOUR_MS) * 1.1) {
      dirty.push(h.bucketMs);
      continue;
    }
    rows.push({
      bucketMs: h.bucketMs,
      deviceId: h.deviceId,
      metric: h.metric,
      consumption,
      readings: h.readings,
      resets: kind === 'reset' ? 1 : 0,
      rollovers: kind === 'rollover' ? 1 : 0,
      outliers: 0,
    });
  }
  return { rows, dirty };
}

/** Start of the Asia/Shanghai bucket holding an hour bucket (Shanghai has no DST since 1991). */
export function bucketStartMs(hourMs: number, granularity: Granularity): number {
  if (granularity === 'hour') return hourMs;
  const local = hourMs + SHANGHAI_OFFSET_MS;
  if (granularity === 'day') return Math.floor(local / (24 * HOUR_MS)) * 24 * HOUR_MS - SHANGHAI_OFFSET_MS;
  const d = new Date(local);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - SHANGHAI_OFFSET_MS;
}

/** `2024-03-01T00:00:00+08:00`, as the raw query formats buckets. */
export function formatShanghai(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

/**
 * Sums hour rows into the requested buckets (consumption rounded to 6 decimals like the
 * raw query), ordered by device, metric and bucket.
 */
export function rollUpHours(
  hours: readonly HourConsumption[],
  granularity: Granularity,
): CounterConsumptionRow[] {
  const groups = new Map<string, HourConsumption & { bucketMs: number }>();
  for (const h of hours) {
    const start = bucketStartMs(h.bucketMs, granularity);
    const key = `${h.deviceId}\n${h.metric}\n${start}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { ...h, bucketMs: start });
      continue;
    }
    groups.set(key, {
      ...g,
      consumption: g.consumption + h.consumption,
      readings: g.readings + h.readings,
      resets: g.resets + h.resets,
      rollovers: g.rollovers + h.rollovers,
      outliers: g.outliers + h.outliers,
    });
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.deviceId.localeCompare(b.deviceId) || a.metric.localeCompare(b.metric) || a.bucketMs - b.bucketMs,
    )
    .map((g) => ({
      bucket: formatShanghai(g.bucketMs),
      deviceId: g.deviceId,
      metric: g.metric,
      consumption: Math.round(g.consumption * 1e6) / 1e6,
      readings: g.readings,
      resets: g.resets,
      rollovers: g.rollovers,
      outliers: g.outliers,
    }));
}

const SCOPE = `enterprise_id = {enterprise_id:UUID}
      AND device_id IN {device_ids:Array(UUID)} AND metric IN {metrics:Array(String)}`;
const RANGE = `bucket >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
      AND bucket < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')`;

/**
 * Merged 1-hour buckets of the requested series in [from, to), and each series' latest
 * bucket before `from`. Output names differ from the columns on purpose: an alias equal to
 * a column name would be substituted into its own aggregate.
 */
export function hourBucketsSql(table: string): string {
  const cols = `
    toString(device_id) AS deviceId, metric, toUnixTimestamp(bucket) * 1000 AS bucketMs,
    min(first) AS f, max(last) AS l, tupleElement(f, 2) AS first_value, tupleElement(l, 2) AS last_value,
    min(min_value) AS min_v, max(max_value) AS max_v,
    toUnixTimestamp64Milli(tupleElement(f, 1)) AS first_ts, toUnixTimestamp64Milli(tupleElement(l, 1)) AS last_ts`;
  return `
SELECT 0 AS lookback, ${cols}
FROM ${table}
WHERE ${SCOPE} AND ${RANGE}
GROUP BY device_id, metric, bucket
UNION ALL
SELECT * FROM (
  SELECT 1 AS lookback, ${cols}
  FROM ${table}
  WHERE ${SCOPE} AND bucket < fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
  GROUP BY device_id, metric, bucket
  ORDER BY bucket DESC
  LIMIT 1 BY device_id, metric
)`;
}

/**
 * Readings per series and hour in [from, to) from the 1-hour rollup: distinct minutes, the
 * popcount of each hour's merged minute mask (telemetry_1h.minutes).
 */
export function hourReadingsSql(hourTable: string): string {
  return `
SELECT toString(device_id) AS deviceId, metric, toUnixTimestamp(bucket) * 1000 AS bucketMs,
  toUInt32(bitCount(groupBitOr(minutes))) AS readings
FROM ${hourTable}
WHERE ${SCOPE} AND ${RANGE}
GROUP BY device_id, metric, bucket`;
}

/** Distinct hours with any reading per device in [from, to). */
export function hoursWithDataSql(table: string): string {
  return `
SELECT toString(device_id) AS deviceId, toUInt32(uniqExact(bucket)) AS hours
FROM ${table}
WHERE enterprise_id = {enterprise_id:UUID} AND device_id IN {device_ids:Array(UUID)}
  AND bucket >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AND bucket < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
GROUP BY device_id
ORDER BY deviceId`;
}

/** Distinct hours with a reading of any of the devices in [from, to). */
export function anyHoursSql(table: string): string {
  return `
SELECT toUInt32(uniqExact(bucket)) AS hours
FROM ${table}
WHERE enterprise_id = {enterprise_id:UUID} AND device_id IN {device_ids:Array(UUID)}
  AND bucket >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AND bucket < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')`;
}

/** A row of {@link hourBucketsSql}; 64-bit integers may arrive as strings (a server's JSON). */
export function toHourBucket(r: Record<string, unknown>, readings: number): HourBucket {
  return {
    deviceId: String(r.deviceId),
    metric: String(r.metric),
    bucketMs: Number(r.bucketMs),
    first: Number(r.first_value),
    last: Number(r.last_value),
    min: Number(r.min_v),
    max: Number(r.max_v),
    firstTs: Number(r.first_ts),
    lastTs: Number(r.last_ts),
    readings,
  };
}

export const HOUR = HOUR_MS;
