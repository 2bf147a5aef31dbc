export { assertIdentifier, ClickHouse, createClickHouse, IDENTIFIER } from './clickhouse.client.js';
export type { ClickHouseEngine, ClickHouseOptions } from './clickhouse.client.js';
export { loadClickHouseMigrations, runClickHouseMigrations } from './clickhouse-migrator.js';
export type { ClickHouseMigration, ClickHouseMigrationOptions } from './clickhouse-migrator.js';
export { TELEMETRY_COLUMNS, encodeTelemetryJson, encodeTelemetryTsv } from './telemetry-row.encoder.js';
export type { TelemetryRow } from './telemetry-row.encoder.js';
export { TelemetryWriter } from './telemetry.writer.js';
export type { TelemetryWriterOptions } from './telemetry.writer.js';
export { EnergyQueries } from './energy.queries.js';
export type {
  CounterConsumptionQuery,
  CounterConsumptionRow,
  CounterMeter,
  Granularity,
} from './energy.queries.js';
export { TelemetryQueries } from './telemetry.queries.js';
export type { LatestReading, TelemetryScope } from './telemetry.queries.js';
export { EquipmentQueries, MAX_STATE_HOLD_S } from './equipment.queries.js';
export type { DaysWithDataRow, EquipmentQuery, StateDurationRow } from './equipment.queries.js';
export { IndicatorValuesStore } from './indicator-values.store.js';
export type {
  EquipmentCounts,
  IndicatorStatus,
  StaleSet,
  StoredIndicatorSet,
  StoredIndicatorValue,
  StoredSetKey,
} from './indicator-values.store.js';
