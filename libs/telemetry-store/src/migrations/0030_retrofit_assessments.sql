-- Stored retrofit assessments (docs/indicators.md §6): one row per project and computation.
-- ReplacingMergeTree(computed_at) keeps the latest once parts merge; reads use FINAL, so a
-- recompute supersedes the old assessment at once. `fingerprint` names every input the
-- assessment read (project version, declarations, device register, latest ingested_at of both
-- periods): a stored assessment is served only while the methodology version and the
-- fingerprint still match, so late data or a new methodology recomputes it.
CREATE TABLE IF NOT EXISTS {database}.retrofit_assessments
(
    project_id          UUID,
    enterprise_id       UUID,
    region_code         LowCardinality(String),
    methodology_version LowCardinality(String),
    fingerprint         String,
    verdict             LowCardinality(String),
    result              String CODEC(ZSTD),
    computed_at         DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
ORDER BY (project_id);
