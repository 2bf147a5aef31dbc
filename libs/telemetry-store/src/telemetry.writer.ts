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

const DEFAULT_MAX_ROWS_PER_INSERT = 200_000;

/**
 * Appends readings to `telemetry_raw`. Throws when ClickHouse refuses a row or a statement,
 * so the caller does not commit its offsets; a batch larger than one insert may then be
 * partly stored, which is harmless because a retried point replaces itself (same
 * (device, metric, ts) key, see 0001_telemetry_raw.sql).
 *
 * On chDB the rows go as TabSeparated bytes through `rawInsert` (about twice the rate of
 * JSONEachRow, engines.md); on a server through `client.insert` as JSONEachRow. Neither
 * path passes `clickhouse_settings`, which on chDB would leak into the shared session.
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

  async insert(rows: readonly TelemetryRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += this.maxRows) {
      const chunk =
        start === 0 && rows.length <= this.maxRows ? rows : rows.slice(start, start + this.maxRows);
      await this.insertChunk(chunk);
    }
  }

  /**
   * Inserts rows already encoded as TabSeparated in TELEMETRY_COLUMNS order (the wire format of
   * telemetry.raw), in one statement. A `dedupToken` makes ClickHouse drop an insert it has
   * already taken with the same token (a batch offered again after a failure).
   */
  async insertTabSeparated(bytes: Buffer, options: { readonly dedupToken?: string } = {}): Promise<void> {
    const settings = options.dedupToken ? { insert_deduplication_token: options.dedupToken } : undefined;
    const chdb = this.ch.chdb;
    if (chdb) {
      await chdb.rawInsert({
        table: this.table,
        columns: TELEMETRY_COLUMNS,
        format: 'TabSeparated',
        values: bytes,
        ...(settings ? { settings } : {}),
      });
      return;
    }
    await this.ch.client.insert({
      table: this.table,
      columns: [...TELEMETRY_COLUMNS],
      format: 'TabSeparated',
      values: Readable.from([bytes], { objectMode: false }),
      ...(settings ? { clickhouse_settings: settings } : {}), // a server: settings are per request
    });
  }

  private async insertChunk(rows: readonly TelemetryRow[]): Promise<void> {
    const chdb = this.ch.chdb;
    if (chdb) {
      await chdb.rawInsert({
        table: this.table,
        columns: TELEMETRY_COLUMNS,
        format: 'TabSeparated',
        values: encodeTelemetryTsv(rows),
      });
      return;
    }
    await this.ch.client.insert({
      table: this.table,
      columns: [...TELEMETRY_COLUMNS],
      format: 'JSONEachRow',
      values: encodeTelemetryJson(rows),
    });
  }
}
