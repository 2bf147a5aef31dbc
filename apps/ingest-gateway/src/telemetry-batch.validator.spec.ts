import { checkTelemetryBatch, DeviceIndex, IngestLimits } from './telemetry-batch.validator.js';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const LIMITS: IngestLimits = { maxPoints: 5, maxFutureMs: 300_000, retentionMs: 30 * 86_400_000 };
const DEVICES: DeviceIndex = new Map([
  ['meter-1', { id: 'd1', metrics: new Set(['electricity.active_energy']) }],
  ['press-1', { id: 'd2', metrics: new Set(['equipment.state']) }],
]);
const point = (over: Record<string, unknown> = {}) => ({
  device: 'meter-1',
  metric: 'electricity.active_energy',
  ts: '2026-03-01T15:59:00+08:00',
  value: 1234.5,
  ...over,
});
const check = (body: unknown) => checkTelemetryBatch(body, DEVICES, LIMITS, NOW);

describe('checkTelemetryBatch', () => {
  it('accepts valid points and resolves them to internal ids', () => {
    expect(
      check({
        batchId: 'b-1',
        points: [point(), point({ device: 'press-1', metric: 'equipment.state', value: 2 })],
      }),
    ).toEqual({
      ok: true,
      batchId: 'b-1',
      accepted: [
        {
          deviceId: 'd1',
          metric: 'electricity.active_energy',
          ts: Date.parse('2026-03-01T07:59:00Z'),
          value: 1234.5,
        },
        { deviceId: 'd2', metric: 'equipment.state', ts: Date.parse('2026-03-01T07:59:00Z'), value: 2 },
      ],
      rejected: [],
    });
  });

  it.each([
    [point({ device: 'ghost' }), 'UNKNOWN_DEVICE'],
    [point({ metric: 'electricity.imaginary' }), 'UNKNOWN_METRIC'],
    [point({ metric: 'steam.mass' }), 'METRIC_NOT_BOUND'],
    [point({ ts: '2026-03-01 07:59:00' }), 'INVALID_TIMESTAMP'],
    [point({ ts: '2026-03-01T07:59:00' }), 'INVALID_TIMESTAMP'],
    [point({ ts: '2026-02-30T25:00:00Z' }), 'INVALID_TIMESTAMP'],
    [point({ ts: '2026-02-29T08:00:00Z' }), 'INVALID_TIMESTAMP'], // not a leap year: not March 1
    [point({ ts: '2026-02-31T07:59:00Z' }), 'INVALID_TIMESTAMP'],
    [point({ ts: '2025-11-31T07:59:00Z' }), 'INVALID_TIMESTAMP'],
    [point({ ts: 1772351940000 }), 'INVALID_TIMESTAMP'],
    [point({ ts: '2026-03-01T08:05:01Z' }), 'TIMESTAMP_IN_FUTURE'],
    [point({ ts: '2026-01-01T00:00:00Z' }), 'TIMESTAMP_TOO_OLD'],
    [point({ value: '12' }), 'INVALID_VALUE'],
    [point({ value: Infinity }), 'INVALID_VALUE'],
    [point({ value: NaN }), 'INVALID_VALUE'],
    [point({ value: null }), 'INVALID_VALUE'],
    [point({ value: -1 }), 'VALUE_OUT_OF_RANGE'],
    [point({ device: 'press-1', metric: 'equipment.state', value: 7 }), 'VALUE_OUT_OF_RANGE'],
    [point({ device: 'press-1', metric: 'equipment.state', value: 1.5 }), 'VALUE_OUT_OF_RANGE'],
    ['not a point', 'INVALID_POINT'],
    [point({ device: 42 }), 'INVALID_POINT'],
  ])('rejects %j as %s and keeps the valid point', (bad, code) => {
    const result = check({ batchId: 'b', points: [point(), bad] });
    expect(result).toMatchObject({ ok: true, rejected: [{ index: 1, code }] });
    expect(result.ok && result.accepted).toHaveLength(1);
  });

  it('accepts a point exactly at the future tolerance', () => {
    expect(check({ batchId: 'b', points: [point({ ts: '2026-03-01T08:05:00Z' })] })).toMatchObject({
      rejected: [],
    });
  });

  it.each([
    [null, 'body'],
    [[point()], 'body'],
    [{ points: [point()] }, 'batchId'],
    [{ batchId: 'has space', points: [point()] }, 'batchId'],
    [{ batchId: 'x'.repeat(129), points: [point()] }, 'batchId'],
    [{ batchId: 'b', points: [] }, 'points'],
    [{ batchId: 'b', points: 'many' }, 'points'],
  ])('refuses the whole batch %j naming %s', (body, field) => {
    expect(check(body)).toMatchObject({ ok: false, status: 400, field });
  });

  it('refuses batches over the point limit with 413', () => {
    expect(check({ batchId: 'b', points: Array.from({ length: 6 }, () => point()) })).toMatchObject({
      ok: false,
      status: 413,
      code: 'BATCH_TOO_LARGE',
    });
  });
});
