import type { ClickHouse } from './clickhouse.client.js';

export type Granularity = 'hour' | 'day' | 'month';

export interface CounterMeter {
  readonly deviceId: string;
  readonly metric: string;
  /** The counter's maximum: a decrease from ≥ 90 % of it is a rollover, not a reset. */
  readonly counterMax?: number;
  /** Physical limit (e.g. rated power in kW for a kWh counter): faster growth is an outlier. */
  readonly maxRatePerHour?: number;
}

export interface CounterConsumptionQuery {
  readonly enterpriseId: string;
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly granularity: Granularity;
  readonly meters: readonly CounterMeter[];
}

export interface CounterConsumptionRow {
  /** Start of the bucket in Asia/Shanghai, ISO 8601 with its offset: `2024-03-01T00:00:00+08:00`. */
  readonly bucket: string;
  readonly deviceId: string;
  readonly metric: string;
  /** Sum of the accepted deltas whose later reading falls in the bucket, rounded to 6 decimals. */
  readonly consumption: number;
  /** Readings in the bucket (the look-back reading before `from` is not counted). */
  readonly readings: number;
  readonly resets: number;
  readonly rollovers: number;
  /** Deltas excluded because they exceed maxRatePerHour (not also counted as resets/rollovers). */
  readonly outliers: number;
}

/**
 * Fixed SQL fragments chosen by a closed union, never by caller text. Asia/Shanghai has had
 * no DST since 1991, so its offset is always +08:00.
 */
const BUCKET_START: Record<Granularity, string> = {
  hour: "toStartOfHour(ts, 'Asia/Shanghai')",
  day: "toStartOfDay(ts, 'Asia/Shanghai')",
  month: "toDateTime(toStartOfMonth(ts, 'Asia/Shanghai'), 'Asia/Shanghai')",
};

/** 0 stands for "not declared" in the parameter arrays; declared limits must be positive. */
const NOT_SET = 0;

/**
 * Energy read models over `telemetry_raw`. Every query is scoped by enterprise first; the
 * caller is responsible for having authorised that enterprise.
 */
export class EnergyQueries {
  private readonly sql: Record<Granularity, string>;

  constructor(private readonly ch: ClickHouse) {
    const table = ch.table('telemetry_raw');
    this.sql = {
      hour: counterConsumptionSql(table, BUCKET_START.hour),
      day: counterConsumptionSql(table, BUCKET_START.day),
      month: counterConsumptionSql(table, BUCKET_START.month),
    };
  }

  /**
   * Consumption of cumulative counters per bucket (indicators.md §1.1), per meter. Each
   * delta between consecutive deduplicated readings is attributed to the bucket of the later
   * reading; the latest reading before `from` (however old) is the starting point, so the
   * first interval counts. An increase counts as is; a decrease is a rollover
   * (counterMax − prev + value) when counterMax is declared and prev ≥ 0.9 × counterMax,
   * otherwise a reset (the new reading is consumption since zero). A delta above
   * maxRatePerHour × elapsed hours × 1.1 is an outlier: counted, excluded from consumption.
   * Buckets without readings are absent.
   */
  async counterConsumption(q: CounterConsumptionQuery): Promise<CounterConsumptionRow[]> {
    const sql = this.sql[q.granularity];
    if (!sql) throw new RangeError(`unknown granularity ${String(q.granularity)}`);
    const fromMs = q.from.getTime();
    const toMs = q.to.getTime();
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
      throw new RangeError('from and to must be valid dates');
    if (q.meters.length === 0 || fromMs >= toMs) return [];

    const seen = new Set<string>();
    for (const m of q.meters) {
      // A meter listed twice would be joined twice and counted twice.
      const key = `${m.deviceId}\n${m.metric}`;
      if (seen.has(key)) throw new RangeError(`meter ${m.deviceId} ${m.metric} is listed twice`);
      seen.add(key);
    }
    const result = await this.ch.client.query({
      query: sql,
      format: 'JSONEachRow',
      query_params: {
        enterprise_id: q.enterpriseId,
        from_ms: fromMs,
        to_ms: toMs,
        device_ids: q.meters.map((m) => m.deviceId),
        metrics: q.meters.map((m) => m.metric),
        counter_max: q.meters.map((m) => limit(m.counterMax, 'counterMax', m)),
        max_rate: q.meters.map((m) => limit(m.maxRatePerHour, 'maxRatePerHour', m)),
      },
    });
    return result.json<CounterConsumptionRow>();
  }
}

function limit(value: number | undefined, name: string, meter: CounterMeter): number {
  if (value === undefined || value === null) return NOT_SET;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} of ${meter.deviceId} ${meter.metric} must be a positive number`);
  }
  return value;
}

/**
 * Only the table name and the bucket expression are spliced in (both fixed by code); every
 * value is a query parameter. The readings are deduplicated with FINAL (a retried batch is
 * on disk twice until a merge). The meters' device ids and metrics also filter the scans
 * directly so the primary key (enterprise, device, metric, ts) prunes them; the join then
 * keeps exactly the requested (device, metric) pairs and brings their limits.
 *
 * Column aliases in the look-back branch differ from the column names on purpose: an alias
 * `ts` for max(ts) would be substituted into its own WHERE clause.
 */
function counterConsumptionSql(table: string, bucketStart: string): string {
  return `
WITH
  fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AS range_from,
  fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC') AS range_to,
  meters AS (
    SELECT m.1 AS device_id, m.2 AS metric, m.3 AS counter_max, m.4 AS max_rate
    FROM (
      SELECT arrayJoin(arrayZip(
        {device_ids:Array(UUID)}, {metrics:Array(String)}, {counter_max:Array(Float64)}, {max_rate:Array(Float64)}
      )) AS m
    )
  ),
  readings AS (
    SELECT device_id, metric, ts, value
    FROM ${table} FINAL
    WHERE enterprise_id = {enterprise_id:UUID}
      AND device_id IN {device_ids:Array(UUID)} AND metric IN {metrics:Array(String)}
      AND ts >= range_from AND ts < range_to
    UNION ALL
    SELECT device_id, metric, max(ts) AS last_ts, argMax(value, ts) AS last_value
    FROM ${table} FINAL
    WHERE enterprise_id = {enterprise_id:UUID}
      AND device_id IN {device_ids:Array(UUID)} AND metric IN {metrics:Array(String)}
      AND ts < range_from
    GROUP BY device_id, metric
  ),
  steps AS (
    SELECT
      r.device_id AS device_id, r.metric AS metric, r.ts AS ts, r.value AS value,
      m.counter_max AS counter_max, m.max_rate AS max_rate,
      row_number() OVER w > 1 AS has_prev,
      lagInFrame(r.value) OVER w AS prev_value,
      lagInFrame(r.ts) OVER w AS prev_ts
    FROM readings AS r
    INNER JOIN meters AS m ON r.device_id = m.device_id AND r.metric = m.metric
    WINDOW w AS (PARTITION BY r.device_id, r.metric ORDER BY r.ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ),
  classified AS (
    SELECT
      device_id, metric, ts, has_prev,
      multiIf(
        value >= prev_value, 'increase',
        counter_max > 0 AND prev_value >= 0.9 * counter_max, 'rollover',
        'reset'
      ) AS kind,
      multiIf(kind = 'increase', value - prev_value, kind = 'rollover', counter_max - prev_value + value, value) AS delta,
      has_prev AND max_rate > 0
        AND delta > max_rate * ((toUnixTimestamp64Milli(ts) - toUnixTimestamp64Milli(prev_ts)) / 3600000) * 1.1
        AS outlier
    FROM steps
    -- After the window: the look-back reading is only a starting point.
    WHERE ts >= range_from
  )
SELECT
  formatDateTime(${bucketStart}, '%Y-%m-%dT%H:%i:%S+08:00', 'Asia/Shanghai') AS bucket,
  toString(device_id) AS deviceId,
  metric,
  round(sumIf(delta, has_prev AND NOT outlier), 6) AS consumption,
  toUInt32(count()) AS readings,
  toUInt32(countIf(has_prev AND NOT outlier AND kind = 'reset')) AS resets,
  toUInt32(countIf(has_prev AND NOT outlier AND kind = 'rollover')) AS rollovers,
  toUInt32(countIf(outlier)) AS outliers
FROM classified
GROUP BY bucket, device_id, metric
ORDER BY device_id, metric, bucket`;
}
