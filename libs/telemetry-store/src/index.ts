export { assertIdentifier, ClickHouse, createClickHouse, IDENTIFIER } from './clickhouse.client.js';
export type { ClickHouseEngine, ClickHouseOptions } from './clickhouse.client.js';
export {
  bootstrapStatements,
  loadClickHouseMigrations,
  runClickHouseMigrations,
} from './clickhouse-migrator.js';
export { clusterStatements, DISTRIBUTED_SUFFIX } from './clickhouse-cluster.js';
export type { ClickHouseMigration, ClickHouseMigrationOptions } from './clickhouse-migrator.js';
// The row format belongs to the wire contract (the gateway encodes it); re-exported for the store's callers.
export { TELEMETRY_COLUMNS, encodeTelemetryJson, encodeTelemetryTsv } from '#grip/contracts';
export type { TelemetryRow } from '#grip/contracts';
export { assertDedupToken, DEDUP_TOKEN, TelemetryWriter } from './telemetry.writer.js';
export type { TelemetryInsertOptions, TelemetryWriterOptions } from './telemetry.writer.js';
export { EnergyQueries } from './energy.queries.js';
export type {
  CounterConsumptionQuery,
  CounterConsumptionRow,
  CounterMeter,
  Granularity,
  HoursWithData,
} from './energy.queries.js';
export { TelemetryQueries } from './telemetry.queries.js';
export type { LatestReading, TelemetryScope } from './telemetry.queries.js';
export { EquipmentQueries, MAX_STATE_HOLD_S } from './equipment.queries.js';
export type { DaysWithDataRow, EquipmentQuery, StateDurationRow } from './equipment.queries.js';
export { ClimateQueries } from './climate.queries.js';
export type { ClimateQuery, DailyTemperatureRow } from './climate.queries.js';
export { RetrofitAssessmentStore } from './retrofit-assessment.store.js';
export type { StoredAssessment } from './retrofit-assessment.store.js';
export { DeadLetterStore } from './dead-letter.store.js';
export type { DeadLetter } from './dead-letter.store.js';
export { IndicatorValuesStore } from './indicator-values.store.js';
export type {
  EquipmentCounts,
  IndicatorStatus,
  StaleSet,
  StoredIndicatorSet,
  StoredIndicatorValue,
  StoredSetKey,
} from './indicator-values.store.js';
