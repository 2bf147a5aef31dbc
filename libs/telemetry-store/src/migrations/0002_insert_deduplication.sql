-- Insert deduplication on a non-replicated MergeTree (chDB, a single server): ClickHouse
-- remembers the hashes (or insert_deduplication_token) of the last N inserted blocks and
-- drops a block it has seen, so a batch replayed with the same token (topic, partition,
-- offset range) is stored once. The rollup tables (0004) set the same window: without it a
-- materialized view would count the replayed block again. Replicated tables use
-- replicated_deduplication_window instead (the cluster variant rewrites the name).
ALTER TABLE {database}.telemetry_raw MODIFY SETTING non_replicated_deduplication_window = 10000;
