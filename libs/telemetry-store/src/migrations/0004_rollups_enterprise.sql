-- Per enterprise and metric rollups at 1 hour and 1 day (Asia/Shanghai buckets stored as
-- UTC instants, as in 0003), for region and industry queries that must not scan devices.
-- They cannot hold counter consumption: that needs each device's delta between its own
-- readings, so an enterprise's consumption is composed from the device rollups (the sum of
-- its site meters' consumption), and so are its readings (a per-reading set would be as
-- large as the raw table). What they hold is idempotent under duplicate rows, like 0003:
-- devices reporting (uniqExact of device_id: one UUID per device and bucket), min/max of
-- value and ts.
CREATE TABLE IF NOT EXISTS {database}.enterprise_1h
(
    enterprise_id UUID CODEC(ZSTD),
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    devices       AggregateFunction(uniqExact, UUID),
    min_value     SimpleAggregateFunction(min, Float64),
    max_value     SimpleAggregateFunction(max, Float64),
    first_ts      SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_ts       SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (enterprise_id, metric, bucket)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS {database}.enterprise_1d
(
    enterprise_id UUID CODEC(ZSTD),
    metric        LowCardinality(String),
    bucket        DateTime('UTC') CODEC(DoubleDelta, ZSTD),
    devices       AggregateFunction(uniqExact, UUID),
    min_value     SimpleAggregateFunction(min, Float64),
    max_value     SimpleAggregateFunction(max, Float64),
    first_ts      SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_ts       SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (enterprise_id, metric, bucket)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.enterprise_1h_mv TO {database}.enterprise_1h AS
SELECT
    enterprise_id, metric,
    toDateTime(toStartOfHour(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    uniqExactState(device_id) AS devices,
    min(value) AS min_value,
    max(value) AS max_value,
    min(ts) AS first_ts,
    max(ts) AS last_ts
FROM {database}.telemetry_raw
GROUP BY enterprise_id, metric, bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.enterprise_1d_mv TO {database}.enterprise_1d AS
SELECT
    enterprise_id, metric,
    toDateTime(toStartOfDay(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    uniqExactState(device_id) AS devices,
    min(value) AS min_value,
    max(value) AS max_value,
    min(ts) AS first_ts,
    max(ts) AS last_ts
FROM {database}.telemetry_raw
GROUP BY enterprise_id, metric, bucket;

-- Backfill what telemetry_raw held before the views existed (they only see new inserts).
-- Running it twice is harmless: the columns are idempotent (a retried migration).
INSERT INTO {database}.enterprise_1h
SELECT
    enterprise_id, metric,
    toDateTime(toStartOfHour(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    uniqExactState(device_id) AS devices,
    min(value) AS min_value,
    max(value) AS max_value,
    min(ts) AS first_ts,
    max(ts) AS last_ts
FROM {database}.telemetry_raw
GROUP BY enterprise_id, metric, bucket;

INSERT INTO {database}.enterprise_1d
SELECT
    enterprise_id, metric,
    toDateTime(toStartOfDay(ts, 'Asia/Shanghai'), 'UTC') AS bucket,
    uniqExactState(device_id) AS devices,
    min(value) AS min_value,
    max(value) AS max_value,
    min(ts) AS first_ts,
    max(ts) AS last_ts
FROM {database}.telemetry_raw
GROUP BY enterprise_id, metric, bucket;
