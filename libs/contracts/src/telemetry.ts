import { encodeEnterpriseTsv } from './telemetry-tsv.js';

/**
 * What travels on `telemetry.raw` between the ingest gateway and the telemetry writer. Points
 * are already validated and resolved to internal ids. The value is the points as TabSeparated
 * rows in TELEMETRY_COLUMNS order — exactly the bytes ClickHouse inserts — so the writer
 * concatenates messages instead of parsing and re-encoding every point (the JSON round trip
 * cost a fifth of the single-process CPU, docs/benchmarks.md). What the writer needs to know
 * about a message travels in its headers.
 */
export const TELEMETRY_RAW_TOPIC = 'telemetry.raw';
/** Messages the writer can never store, with the reason, for inspection and replay. */
export const TELEMETRY_DEAD_LETTER_TOPIC = 'telemetry.dlq';

/** The `format` header of a telemetry.raw message this version writes and reads. */
export const TELEMETRY_FORMAT = 'grip.tsv.1';

export interface TelemetryPoint {
  readonly deviceId: string;
  readonly metric: string;
  /** Epoch milliseconds, UTC. */
  readonly ts: number;
  readonly value: number;
}

export interface TelemetryBatchMeta {
  readonly enterpriseId: string;
  readonly agentId: string;
  /** The agent's own id for the request; a retried request repeats it. */
  readonly batchId: string;
  /** Epoch milliseconds when the gateway accepted the batch. */
  readonly receivedAt: number;
}

export interface TelemetryMessage {
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** The gateway's side: one accepted batch as one message. */
export function encodeTelemetryMessage(
  meta: TelemetryBatchMeta,
  points: readonly TelemetryPoint[],
): TelemetryMessage {
  return {
    value: encodeEnterpriseTsv(meta.enterpriseId, points),
    headers: {
      format: TELEMETRY_FORMAT,
      enterprise: meta.enterpriseId,
      agent: meta.agentId,
      batch: meta.batchId,
      points: String(points.length),
      'received-at': String(meta.receivedAt),
    },
  };
}
