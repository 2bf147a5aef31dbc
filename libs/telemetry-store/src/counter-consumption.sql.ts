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
export function counterConsumptionSql(table: string, bucketStart: string): string {
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
