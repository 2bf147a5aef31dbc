-- Codecs chosen by measurement (npm run bench:storage, docs/benchmarks.md "Storage"):
-- 1-minute meter data took 4.77 bytes a point with Gorilla + ZSTD on `value` and 1.98 with
-- Delta + ZSTD plus ZSTD on the ids and Delta + ZSTD on ingested_at. Counters grow by
-- small steps and gauges wander, so the difference of consecutive values' bits is small;
-- Gorilla's XOR of floats with noisy low mantissa bits is not. Parts written before this
-- keep their codecs until a merge rewrites them.
ALTER TABLE {database}.telemetry_raw MODIFY COLUMN value Float64 CODEC(Delta, ZSTD);
ALTER TABLE {database}.telemetry_raw MODIFY COLUMN enterprise_id UUID CODEC(ZSTD);
ALTER TABLE {database}.telemetry_raw MODIFY COLUMN device_id UUID CODEC(ZSTD);
ALTER TABLE {database}.telemetry_raw MODIFY COLUMN ingested_at DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(Delta, ZSTD);
