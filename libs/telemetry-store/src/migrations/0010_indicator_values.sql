-- Stored indicator values (docs/indicators.md §8): one row per enterprise, period, basis and
-- indicator, and one set row per enterprise, period and basis with the extensive inputs a
-- region aggregate sums (energy, carbon, output value, value added, equipment counts).
--
-- Versioning: ReplacingMergeTree(computed_at) keeps the latest computation per key once parts
-- merge; until then reads use FINAL, so a recompute supersedes the old value at once. Every
-- row of one computation shares computation_id and computed_at.
--
-- enterprise_id leads the key: each tenant's rows are contiguous and every read is scoped by
-- the enterprise ids the caller may see (a region read passes its in-scope members).
CREATE TABLE IF NOT EXISTS {database}.indicator_values
(
    enterprise_id       UUID,
    period_kind         LowCardinality(String),
    period_key          String,
    basis               LowCardinality(String),
    indicator_id        LowCardinality(String),
    region_code         LowCardinality(String),
    industry_code       LowCardinality(String),
    value               Nullable(Float64),
    unit                String,
    status              Enum8('ok' = 1, 'partial' = 2, 'missing' = 3),
    coverage            Nullable(Float64),
    formula_id          LowCardinality(String),
    methodology_version LowCardinality(String),
    inputs              String CODEC(ZSTD),
    result              String CODEC(ZSTD),
    computation_id      UUID,
    computed_at         DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
ORDER BY (enterprise_id, period_kind, period_key, basis, indicator_id);

CREATE TABLE IF NOT EXISTS {database}.indicator_sets
(
    enterprise_id        UUID,
    period_kind          LowCardinality(String),
    period_key           String,
    basis                LowCardinality(String),
    region_code          LowCardinality(String),
    industry_code        LowCardinality(String),
    period_from          DateTime64(3, 'UTC'),
    period_to            DateTime64(3, 'UTC'),
    computed_until       DateTime64(3, 'UTC'),
    methodology_version  LowCardinality(String),
    energy_coverage      Nullable(Float64),
    energy_tce           Nullable(Float64),
    carbon_tco2          Nullable(Float64),
    output_value         Nullable(Float64),
    value_added          Nullable(Float64),
    equipment_counts     String,
    declaration_versions String,
    register_hash        String,
    telemetry_ingested_at Nullable(DateTime64(3, 'UTC')),
    envelope             String CODEC(ZSTD),
    computation_id       UUID,
    computed_at          DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
ORDER BY (enterprise_id, period_kind, period_key, basis);
