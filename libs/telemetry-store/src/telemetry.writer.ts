import { Readable } from 'node:stream';
import type { ClickHouse } from './clickhouse.client.js';
import {
  encodeTelemetryJson,
  encodeTelemetryTsv,
  TELEMETRY_COLUMNS,
  type TelemetryRow,
} from '#grip/contracts';

export interface TelemetryWriterOptions {
  /** Rows per INSERT statement; bounds the size of one payload (~100 bytes a row). */
  readonly maxRowsPerInsert?: number;
}

export interface TelemetryInsertOptions {
  /**
   * Deterministic per batch (e.g. `telemetry.raw-3-1200-1699`): a batch inserted again with
   * the same token is dropped by ClickHouse, in `telemetry_raw` and in every rollup. Must
   * match {@link DEDUP_TOKEN} (it is spliced into the statement). A chunked insert gives
   * chunk i the token `${dedupToken}:${i}`. Never reuse a token for different data: the
   * second batch would be dropped silently.
   */
  readonly dedupToken?: string;
}

const DEFAULT_MAX_ROWS_PER_INSERT = 200_000;

/** Letters, digits and `. _ - : /`: enough for topic-partition-offset tokens, nothing to escape. */
export const DEDUP_TOKEN = /^[A-Za-z0-9._:/-]{1,200}$/;

/**
 * Per-statement settings. `deduplicate_blocks_in_dependent_materialized_views` is on by
 * default in recent ClickHouse (26.x) but not on older servers; without it a replayed batch
 * is dropped from the raw table yet counted again by the rollups. On a cluster the insert
 * goes through the Distributed table: `distributed_foreground_insert` makes it return only
 * once every shard stored its rows (so an offset is committed after the data is safe), and
 * carries the token to the shards. All go in the statement's SETTINGS clause, never in
 * `clickhouse_settings` (chDB's shared session).
 */
function statementSettings(token: string | undefined, cluster: boolean): Record<string, string | number> {
  // The five rollup views run side by side rather than one after the other: an insert's views
  // cost more than its raw rows at the writer's batch sizes, and inserts are serialised
  // (docs/benchmarks.md: +30 % rows/s for 20k-row inserts on chDB, the same CPU per row).
  const settings: Record<string, string | number> = { parallel_view_processing: 1 };
  if (token !== undefined) {
    settings.insert_deduplication_token = token;
    settings.deduplicate_blocks_in_dependent_materialized_views = 1;
  }
  if (cluster) settings.distributed_foreground_insert = 1;
  return settings;
}

function settingsClause(settings: Record<string, string | number>): string {
  const parts = Object.entries(settings).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v}'`}`);
  return ` SETTINGS ${parts.join(', ')}`;
}

export function assertDedupToken(token: string): string {
  if (typeof token !== 'string' || !DEDUP_TOKEN.test(token)) {
    throw new RangeError(
      `invalid dedupToken ${JSON.stringify(token)}: 1–200 of letters, digits and . _ - : / only`,
    );
  }
  return token;
}

/**
 * Appends readings to `telemetry_raw`. Throws when ClickHouse refuses a row or a statement,
 * so the caller does not commit its offsets; a batch larger than one insert may then be
 * partly stored, which is harmless: with a token, the stored chunks are dropped on replay;
 * without one a retried point replaces itself at merge time (same (device, metric, ts) key,
 * see 0001_telemetry_raw.sql) — but the rollups are only exact with tokens (storage.md).
 *
 * On chDB the rows go as TabSeparated bytes through `rawInsert` (about twice the rate of
 * JSONEachRow, engines.md); on a server through `client.insert`. Neither path passes
 * `clickhouse_settings`, which on chDB would leak into the shared session.
 */
export class TelemetryWriter {
  private readonly table: string;
  private readonly maxRows: number;

  constructor(
    private readonly ch: ClickHouse,
    options: TelemetryWriterOptions = {},
  ) {
    this.table = ch.table('telemetry_raw');
    this.maxRows = options.maxRowsPerInsert ?? DEFAULT_MAX_ROWS_PER_INSERT;
    if (!Number.isInteger(this.maxRows) || this.maxRows < 1) {
      throw new RangeError('maxRowsPerInsert must be ≥ 1');
    }
  }

  async insert(rows: readonly TelemetryRow[], options: TelemetryInsertOptions = {}): Promise<void> {
    const token = options.dedupToken === undefined ? undefined : assertDedupToken(options.dedupToken);
    if (rows.length <= this.maxRows) {
      if (rows.length > 0) await this.insertRows(rows, token);
      return;
    }
    for (let start = 0, chunk = 0; start < rows.length; start += this.maxRows, chunk++) {
      await this.insertRows(rows.slice(start, start + this.maxRows), chunkToken(token, chunk));
    }
  }

  /**
   * Inserts pre-encoded UTF-8 TabSeparated rows in {@link TELEMETRY_COLUMNS} order (what
   * `encodeTelemetryTsv` produces), without looking at them: one statement, whatever the
   * size, so the caller bounds the payload. ClickHouse parses and validates every field.
   */
  async insertTabSeparated(bytes: Buffer, options: TelemetryInsertOptions = {}): Promise<void> {
    const token = options.dedupToken === undefined ? undefined : assertDedupToken(options.dedupToken);
    if (bytes.length === 0) return;
    await this.insertTsv(bytes, token);
  }

  private async insertRows(rows: readonly TelemetryRow[], token: string | undefined): Promise<void> {
    if (this.ch.chdb) {
      await this.insertTsv(encodeTelemetryTsv(rows), token);
      return;
    }
    await this.ch.client.insert({
      table: this.target(token),
      format: 'JSONEachRow',
      values: encodeTelemetryJson(rows),
    });
  }

  private async insertTsv(bytes: Buffer, token: string | undefined): Promise<void> {
    const chdb = this.ch.chdb;
    if (chdb) {
      await chdb.rawInsert({
        table: this.table,
        columns: TELEMETRY_COLUMNS,
        format: 'TabSeparated',
        values: bytes,
        settings: statementSettings(token, false),
      });
      return;
    }
    // The client only sends raw formats from a byte stream (not object mode).
    await this.ch.client.insert({
      table: this.target(token),
      format: 'TabSeparated',
      values: Readable.from([bytes], { objectMode: false }),
    });
  }

  /**
   * `db.telemetry_raw (cols) SETTINGS …`: the client writes `INSERT INTO <table> FORMAT …`,
   * so the column list and the settings travel in the table string, in the order
   * ClickHouse expects (the client's own `columns` option would land after SETTINGS).
   */
  private target(token: string | undefined): string {
    return `${this.table} (${TELEMETRY_COLUMNS.join(', ')})${settingsClause(statementSettings(token, this.ch.cluster !== undefined))}`;
  }
}

function chunkToken(token: string | undefined, chunk: number): string | undefined {
  return token === undefined ? undefined : `${token}:${chunk}`;
}
