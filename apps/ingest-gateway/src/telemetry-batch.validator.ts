import { EQUIPMENT_STATES, isMetricName, METRIC_CATALOG, TelemetryPoint } from '#grip/contracts';
import { parseIsoInstant } from './iso-instant.js';

export interface IngestDevice {
  readonly id: string;
  readonly metrics: ReadonlySet<string>;
}

/** The agent's enterprise's devices by external id. */
export type DeviceIndex = ReadonlyMap<string, IngestDevice>;

export interface IngestLimits {
  readonly maxPoints: number;
  readonly maxFutureMs: number;
  readonly retentionMs: number;
}

export interface PointRejection {
  readonly index: number;
  readonly code: string;
  readonly message: string;
}

export type BatchCheck =
  | {
      readonly ok: true;
      readonly batchId: string;
      readonly accepted: TelemetryPoint[];
      readonly rejected: PointRejection[];
    }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly code: string;
      readonly message: string;
      readonly field: string;
    };

const BATCH_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Checks a telemetry request body point by point. A structural problem refuses the whole
 * batch; a bad point is rejected and named while the valid ones go on (api.md, Ingest).
 */
export function checkTelemetryBatch(
  body: unknown,
  devices: DeviceIndex,
  limits: IngestLimits,
  now: number,
): BatchCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse(400, 'INVALID_BATCH', 'the body must be a JSON object', 'body');
  }
  const { batchId, points } = body as { batchId?: unknown; points?: unknown };
  if (typeof batchId !== 'string' || !BATCH_ID.test(batchId)) {
    return refuse(400, 'INVALID_BATCH', 'batchId must be 1–128 characters of A–Z a–z 0–9 . _ : -', 'batchId');
  }
  if (!Array.isArray(points) || points.length === 0) {
    return refuse(400, 'INVALID_BATCH', 'points must be a non-empty array', 'points');
  }
  if (points.length > limits.maxPoints) {
    return refuse(
      413,
      'BATCH_TOO_LARGE',
      `${points.length} points exceed the limit of ${limits.maxPoints}`,
      'points',
    );
  }

  const accepted: TelemetryPoint[] = [];
  const rejected: PointRejection[] = [];
  for (let index = 0; index < points.length; index++) {
    const result = checkPoint(points[index], devices, limits, now);
    if (typeof result === 'string') rejected.push({ index, code: result, message: REASONS[result] });
    else accepted.push(result);
  }
  return { ok: true, batchId, accepted, rejected };
}

const REASONS = {
  INVALID_POINT: 'a point must be an object with device, metric, ts and value',
  UNKNOWN_DEVICE: 'no device with this externalId is registered for the agent’s enterprise',
  UNKNOWN_METRIC: 'the metric is not in the catalog',
  METRIC_NOT_BOUND: 'the device is not registered with this metric',
  INVALID_TIMESTAMP: 'ts must be an ISO 8601 time with an offset or Z',
  TIMESTAMP_IN_FUTURE: 'ts is too far in the future',
  TIMESTAMP_TOO_OLD: 'ts is older than the retention window',
  INVALID_VALUE: 'value must be a finite number',
  VALUE_OUT_OF_RANGE: 'value is outside the range of the metric',
} as const satisfies Record<string, string>;

type Reason = keyof typeof REASONS;

function checkPoint(
  raw: unknown,
  devices: DeviceIndex,
  limits: IngestLimits,
  now: number,
): TelemetryPoint | Reason {
  if (typeof raw !== 'object' || raw === null) return 'INVALID_POINT';
  const { device, metric, ts, value } = raw as Record<string, unknown>;
  if (typeof device !== 'string' || typeof metric !== 'string') return 'INVALID_POINT';
  const registered = devices.get(device);
  if (!registered) return 'UNKNOWN_DEVICE';
  if (!isMetricName(metric)) return 'UNKNOWN_METRIC';
  if (!registered.metrics.has(metric)) return 'METRIC_NOT_BOUND';
  const at = typeof ts === 'string' ? parseIsoInstant(ts) : undefined;
  if (at === undefined) return 'INVALID_TIMESTAMP';
  if (at > now + limits.maxFutureMs) return 'TIMESTAMP_IN_FUTURE';
  if (at < now - limits.retentionMs) return 'TIMESTAMP_TOO_OLD';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'INVALID_VALUE';
  const kind = METRIC_CATALOG[metric].kind;
  if (kind === 'counter' && value < 0) return 'VALUE_OUT_OF_RANGE';
  if (kind === 'state' && !(EQUIPMENT_STATES as readonly number[]).includes(value))
    return 'VALUE_OUT_OF_RANGE';
  return { deviceId: registered.id, metric, ts: at, value };
}

function refuse(status: 400 | 413, code: string, message: string, field: string): BatchCheck {
  return { ok: false, status, code, message, field };
}
