-- Per device and metric rollups at 15 minutes, 1 hour and 1 day, maintained by materialized
-- views on every insert into telemetry_raw. `bucket` is the bucket's start as a UTC instant;
-- hours and days are Asia/Shanghai's (a Shanghai day starts at 16:00 UTC; hours coincide).
-- A late or out-of-order point lands in the bucket of its own ts: the views group by ts,
-- never by arrival time.
--
-- Every column is idempotent under duplicate rows: the first and last reading as min/max of
-- the tuple (ts, value), min/max of value, and a bit mask of the occupied minutes (15m,
-- 1h) or hours (1d) combined with groupBitOr. A batch resent at other Kafka
-- offsets (a new dedup token) reaches the views again before telemetry_raw's merge removes
-- it; none of these changes when a row is seen twice, so nothing is counted twice. No
-- sum() or count() of raw rows is stored for that reason, and no uniqExact state either: it
-- keeps every distinct timestamp and measured 8-30x the raw table's size. Readings of a
-- bucket = popcount of the minute masks (distinct minutes). The finest rollup is 15 minutes,
-- not 1: with meters reporting every minute a 1-minute rollup holds one row per point (it
-- measured 8 bytes a point, four times the raw table, and slowed every insert). Counter consumption is
-- derived at read time: last(bucket) − last(previous bucket with data), counter-rollup.ts.
--
-- SimpleAggregateFunction columns are plain values (codecs apply): read them with GROUP BY
-- and the same function (min, max, groupBitOr), since parts merge asynchronously.
-- non_replicated_deduplication_window: a replay with the same token is dropped here too.
CREATE TABLE IF NOT EXISTS {database}.telemetry_15m
(
    enterprise_id UUID CODEC(ZSTD),
    device_id     UUID CODEC(ZSTD),
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    first         SimpleAggregateFunction(min, Tuple(ts DateTime64(3, 'UTC'), value Float64)) CODEC(Delta(8), ZSTD),
    last          SimpleAggregateFunction(max, Tuple(ts DateTime64(3, 'UTC'), value Float64)) CODEC(Delta(8), ZSTD),
    min_value     SimpleAggregateFunction(min, Float64) CODEC(Delta, ZSTD),
    max_value     SimpleAggregateFunction(max, Float64) CODEC(Delta, ZSTD),
    minutes       SimpleAggregateFunction(groupBitOr, UInt16) CODEC(ZSTD)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (enterprise_id, device_id, metric, bucket)
TTL bucket + INTERVAL 5 YEAR
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {database}.telemetry_1h
(
    enterprise_id UUID CODEC(ZSTD),
    device_id     UUID CODEC(ZSTD),
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    first         SimpleAggregateFunction(min, Tuple(ts DateTime64(3, 'UTC'), value Float64)) CODEC(Delta(8), ZSTD),
    last          SimpleAggregateFunction(max, Tuple(ts DateTime64(3, 'UTC'), value Float64)) CODEC(Delta(8), ZSTD),
    min_value     SimpleAggregateFunction(min, Float64) CODEC(Delta, ZSTD),
    max_value     SimpleAggregateFunction(max, Float64) CODEC(Delta, ZSTD),
    minutes       SimpleAggregateFunction(groupBitOr, UInt64) CODEC(ZSTD)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (enterprise_id, device_id, metric, bucket)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {database}.telemetry_1d
(
    enterprise_id UUID CODEC(ZSTD),
    device_id     UUID CODEC(ZSTD),
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    first         SimpleAggregateFunction(min, Tuple(ts DateTime64(3, 'UTC'), value Float64)) CODEC(Delta(8), ZSTD),
    last          SimpleAggregateFunction(max, Tuple(ts DateTime64(3, 'UTC'), value Float64)) CODEC(Delta(8), ZSTD),
    min_value     SimpleAggregateFunction(min, Float64) CODEC(Delta, ZSTD),
    max_value     SimpleAggregateFunction(max, Float64) CODEC(Delta, ZSTD),
    hours         SimpleAggregateFunction(groupBitOr, UInt32) CODEC(ZSTD)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (enterprise_id, device_id, metric, bucket)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.telemetry_15m_mv TO {database}.telemetry_15m AS
SELECT
    enterprise_id, device_id, metric,
    toStartOfFifteenMinutes(ts) AS bucket,
    min((ts, value)) AS first,
    max((ts, value)) AS last,
    min(value) AS min_value,
    max(value) AS max_value,
    groupBitOr(bitShiftLeft(toUInt16(1), toMinute(ts) % 15)) AS minutes
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.telemetry_1h_mv TO {database}.telemetry_1h AS
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfHour(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    min((ts, value)) AS first,
    max((ts, value)) AS last,
    min(value) AS min_value,
    max(value) AS max_value,
    groupBitOr(bitShiftLeft(toUInt64(1), toMinute(ts))) AS minutes
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.telemetry_1d_mv TO {database}.telemetry_1d AS
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfDay(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    min((ts, value)) AS first,
    max((ts, value)) AS last,
    min(value) AS min_value,
    max(value) AS max_value,
    groupBitOr(bitShiftLeft(toUInt32(1), toHour(ts, 'Asia/Shanghai'))) AS hours
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

-- Backfill what telemetry_raw held before the views existed (they only see new inserts).
-- Running it twice is harmless: the columns are idempotent (a retried migration).
INSERT INTO {database}.telemetry_15m
SELECT
    enterprise_id, device_id, metric,
    toStartOfFifteenMinutes(ts) AS bucket,
    min((ts, value)) AS first,
    max((ts, value)) AS last,
    min(value) AS min_value,
    max(value) AS max_value,
    groupBitOr(bitShiftLeft(toUInt16(1), toMinute(ts) % 15)) AS minutes
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

INSERT INTO {database}.telemetry_1h
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfHour(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    min((ts, value)) AS first,
    max((ts, value)) AS last,
    min(value) AS min_value,
    max(value) AS max_value,
    groupBitOr(bitShiftLeft(toUInt64(1), toMinute(ts))) AS minutes
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

INSERT INTO {database}.telemetry_1d
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfDay(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    min((ts, value)) AS first,
    max((ts, value)) AS last,
    min(value) AS min_value,
    max(value) AS max_value,
    groupBitOr(bitShiftLeft(toUInt32(1), toHour(ts, 'Asia/Shanghai'))) AS hours
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;
