-- Messages of telemetry.raw the writer can never store (poison), archived from the dead-letter
-- topic with the reason, so an operator can inspect and replay them. `source` (log@offset)
-- identifies a message: ReplacingMergeTree keeps one row per source when a dead letter is
-- delivered twice. The original bytes are kept as base64 (they need not be UTF-8).
CREATE TABLE IF NOT EXISTS {database}.telemetry_dead_letters
(
    source          String,
    reason          String,
    dead_at         DateTime64(3, 'UTC'),
    headers         Map(String, String),
    payload_base64  String CODEC(ZSTD),
    archived_at     DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(archived_at)
ORDER BY source
TTL toDateTime(dead_at) + INTERVAL 90 DAY;
