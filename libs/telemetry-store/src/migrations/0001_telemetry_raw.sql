-- Raw telemetry: one row per reading. {database} is replaced by the migrator with the
-- configured (validated) database name.
--
-- Idempotence: a point's identity is (enterprise_id, device_id, metric, ts), which is the
-- sorting key. ReplacingMergeTree(ingested_at) keeps one row per key (the latest ingested)
-- when parts merge, so a batch that is delivered twice (at-least-once bus) is stored once.
-- Merges are asynchronous: until they run, duplicates are still on disk, so every read that
-- must be exact (counts, counter deltas) uses FINAL or an equivalent deduplication.
--
-- enterprise_id leads the key so each tenant's rows are contiguous and every query is
-- scoped (and pruned) by tenant first. Partitions are UTC months; the TTL drops rows five
-- years after their reading time.
CREATE TABLE IF NOT EXISTS {database}.telemetry_raw
(
    enterprise_id UUID,
    device_id     UUID,
    metric        LowCardinality(String),
    ts            DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD),
    value         Float64 CODEC(Gorilla, ZSTD),
    ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(ts)
ORDER BY (enterprise_id, device_id, metric, ts)
TTL toDateTime(ts) + INTERVAL 5 YEAR;
