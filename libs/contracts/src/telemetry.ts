/**
 * What travels on the bus between the ingest gateway and the telemetry writer. Points are
 * already validated and resolved to internal ids: the writer trusts the gateway and only
 * checks shape (a malformed message is a poison message, not user input).
 */
export const TELEMETRY_RAW_TOPIC = 'telemetry.raw';

export interface TelemetryPoint {
  readonly deviceId: string;
  readonly metric: string;
  /** Epoch milliseconds, UTC. */
  readonly ts: number;
  readonly value: number;
}

export interface TelemetryBatch {
  readonly enterpriseId: string;
  readonly agentId: string;
  /** The agent's own id for the request; a retried request repeats it. */
  readonly batchId: string;
  /** Epoch milliseconds when the gateway accepted the batch. */
  readonly receivedAt: number;
  readonly points: readonly TelemetryPoint[];
}
