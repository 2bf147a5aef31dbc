-- Per device and metric rollups at 1 minute, 1 hour and 1 day, maintained by materialized
-- views on every insert into telemetry_raw. `bucket` is the bucket's start as a UTC instant;
-- hours and days are Asia/Shanghai's (a Shanghai day starts at 16:00 UTC; hours coincide).
-- A late or out-of-order point lands in the bucket of its own ts: the views group by ts,
-- never by arrival time.
--
-- Every column is an aggregate state that is idempotent under duplicate rows: the first
-- and last reading (argMin/argMax of value by ts), min/max of value and ts, and the number
-- of distinct timestamps (uniqExact(ts)). A batch resent at other Kafka offsets (a new
-- dedup token) reaches the views again before telemetry_raw's merge removes it; these
-- states do not change when a row is seen twice, so nothing is counted twice. No sum() or
-- count() of raw rows is stored for that reason. Counter consumption is derived at read
-- time: last(bucket) − last(previous bucket with data), see energy-rollup.queries.ts.
--
-- Read with GROUP BY and the -Merge combinators: parts merge asynchronously.
-- non_replicated_deduplication_window: a replay with the same token is dropped here too.
CREATE TABLE IF NOT EXISTS {database}.telemetry_1m
(
    enterprise_id UUID,
    device_id     UUID,
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    first_value   AggregateFunction(argMin, Float64, DateTime64(3, 'UTC')),
    last_value    AggregateFunction(argMax, Float64, DateTime64(3, 'UTC')),
    min_value     AggregateFunction(min, Float64),
    max_value     AggregateFunction(max, Float64),
    first_ts      AggregateFunction(min, DateTime64(3, 'UTC')),
    last_ts       AggregateFunction(max, DateTime64(3, 'UTC')),
    readings      AggregateFunction(uniqExact, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (enterprise_id, device_id, metric, bucket)
TTL bucket + INTERVAL 5 YEAR
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {database}.telemetry_1h
(
    enterprise_id UUID,
    device_id     UUID,
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    first_value   AggregateFunction(argMin, Float64, DateTime64(3, 'UTC')),
    last_value    AggregateFunction(argMax, Float64, DateTime64(3, 'UTC')),
    min_value     AggregateFunction(min, Float64),
    max_value     AggregateFunction(max, Float64),
    first_ts      AggregateFunction(min, DateTime64(3, 'UTC')),
    last_ts       AggregateFunction(max, DateTime64(3, 'UTC')),
    readings      AggregateFunction(uniqExact, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (enterprise_id, device_id, metric, bucket)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {database}.telemetry_1d
(
    enterprise_id UUID,
    device_id     UUID,
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    first_value   AggregateFunction(argMin, Float64, DateTime64(3, 'UTC')),
    last_value    AggregateFunction(argMax, Float64, DateTime64(3, 'UTC')),
    min_value     AggregateFunction(min, Float64),
    max_value     AggregateFunction(max, Float64),
    first_ts      AggregateFunction(min, DateTime64(3, 'UTC')),
    last_ts       AggregateFunction(max, DateTime64(3, 'UTC')),
    readings      AggregateFunction(uniqExact, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (enterprise_id, device_id, metric, bucket)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.telemetry_1m_mv TO {database}.telemetry_1m AS
SELECT
    enterprise_id, device_id, metric,
    toStartOfMinute(ts) AS bucket,
    argMinState(value, ts) AS first_value,
    argMaxState(value, ts) AS last_value,
    minState(value) AS min_value,
    maxState(value) AS max_value,
    minState(ts) AS first_ts,
    maxState(ts) AS last_ts,
    uniqExactState(ts) AS readings
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.telemetry_1h_mv TO {database}.telemetry_1h AS
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfHour(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    argMinState(value, ts) AS first_value,
    argMaxState(value, ts) AS last_value,
    minState(value) AS min_value,
    maxState(value) AS max_value,
    minState(ts) AS first_ts,
    maxState(ts) AS last_ts,
    uniqExactState(ts) AS readings
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.telemetry_1d_mv TO {database}.telemetry_1d AS
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfDay(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    argMinState(value, ts) AS first_value,
    argMaxState(value, ts) AS last_value,
    minState(value) AS min_value,
    maxState(value) AS max_value,
    minState(ts) AS first_ts,
    maxState(ts) AS last_ts,
    uniqExactState(ts) AS readings
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

-- Backfill what telemetry_raw held before the views existed (they only see new inserts).
-- Running it twice is harmless: the states are idempotent (a retried migration).
INSERT INTO {database}.telemetry_1m
SELECT
    enterprise_id, device_id, metric,
    toStartOfMinute(ts) AS bucket,
    argMinState(value, ts) AS first_value,
    argMaxState(value, ts) AS last_value,
    minState(value) AS min_value,
    maxState(value) AS max_value,
    minState(ts) AS first_ts,
    maxState(ts) AS last_ts,
    uniqExactState(ts) AS readings
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

INSERT INTO {database}.telemetry_1h
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfHour(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    argMinState(value, ts) AS first_value,
    argMaxState(value, ts) AS last_value,
    minState(value) AS min_value,
    maxState(value) AS max_value,
    minState(ts) AS first_ts,
    maxState(ts) AS last_ts,
    uniqExactState(ts) AS readings
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;

INSERT INTO {database}.telemetry_1d
SELECT
    enterprise_id, device_id, metric,
    toDateTime(toStartOfDay(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    argMinState(value, ts) AS first_value,
    argMaxState(value, ts) AS last_value,
    minState(value) AS min_value,
    maxState(value) AS max_value,
    minState(ts) AS first_ts,
    maxState(ts) AS last_ts,
    uniqExactState(ts) AS readings
FROM {database}.telemetry_raw
GROUP BY enterprise_id, device_id, metric, bucket;
