import type { ClickHouse } from './clickhouse.client.js';

export interface DeadLetter {
  /** `log@offset` of the original message. */
  readonly source: string;
  readonly reason: string;
  /** ISO 8601. */
  readonly deadAt: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Buffer;
}

/** The archive of dead letters (0020_telemetry_dead_letters.sql). */
export class DeadLetterStore {
  private readonly table: string;

  constructor(private readonly ch: ClickHouse) {
    this.table = ch.table('telemetry_dead_letters');
  }

  async append(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.ch.client.insert({
      table: this.table,
      format: 'JSONEachRow',
      values: letters.map((l) => ({
        source: l.source,
        reason: l.reason,
        dead_at: toClickHouseTime(l.deadAt),
        headers: l.headers,
        payload_base64: l.payload.toString('base64'),
      })),
    });
  }

  async list(limit = 100): Promise<DeadLetter[]> {
    const result = await this.ch.client.query({
      query: `SELECT source, reason, formatDateTime(dead_at, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') AS deadAt, headers, payload_base64
              FROM ${this.table} FINAL ORDER BY dead_at DESC LIMIT {limit:UInt32}`,
      format: 'JSONEachRow',
      query_params: { limit },
    });
    const rows = await result.json<{
      source: string;
      reason: string;
      deadAt: string;
      headers: Record<string, string>;
      payload_base64: string;
    }>();
    return rows.map((r) => ({
      source: r.source,
      reason: r.reason,
      deadAt: r.deadAt,
      headers: r.headers,
      payload: Buffer.from(r.payload_base64, 'base64'),
    }));
  }
}

/** `YYYY-MM-DD hh:mm:ss.mmm` UTC, parsed the same by every date_time_input_format. */
function toClickHouseTime(iso: string): string {
  const date = new Date(iso);
  const valid = Number.isFinite(date.getTime()) ? date : new Date();
  return valid.toISOString().replace('T', ' ').replace('Z', '');
}
