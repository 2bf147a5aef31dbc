import { TelemetryBatch } from '#grip/contracts';
import type { TelemetryRow } from '#grip/telemetry-store';

// ClickHouse would refuse the whole insert for one bad UUID, stalling the stream: check here.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type DecodeResult =
  { readonly ok: true; readonly rows: TelemetryRow[] } | { readonly ok: false; readonly reason: string };

/**
 * Turns a bus message back into rows. The gateway validated the points, so anything that
 * fails here is a poison message (a bug or a foreign producer), not user input.
 */
export function decodeTelemetryBatch(value: Buffer): DecodeResult {
  let batch: TelemetryBatch;
  try {
    batch = JSON.parse(value.toString('utf8')) as TelemetryBatch;
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (
    typeof batch?.enterpriseId !== 'string' ||
    !UUID.test(batch.enterpriseId) ||
    !Array.isArray(batch.points)
  ) {
    return { ok: false, reason: 'not a telemetry batch' };
  }
  const rows: TelemetryRow[] = new Array(batch.points.length);
  for (let i = 0; i < batch.points.length; i++) {
    const p = batch.points[i]!;
    if (
      typeof p.deviceId !== 'string' ||
      !UUID.test(p.deviceId) ||
      typeof p.metric !== 'string' ||
      !Number.isFinite(p.ts) ||
      !Number.isFinite(p.value)
    ) {
      return { ok: false, reason: `point ${i} is malformed` };
    }
    rows[i] = {
      enterpriseId: batch.enterpriseId,
      deviceId: p.deviceId,
      metric: p.metric,
      ts: p.ts,
      value: p.value,
    };
  }
  return { ok: true, rows };
}
