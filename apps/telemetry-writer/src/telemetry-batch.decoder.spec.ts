import { decodeTelemetryBatch } from './telemetry-batch.decoder.js';

const encode = (v: unknown) => Buffer.from(JSON.stringify(v));
const E1 = '6f1c9a52-8d4e-4f7a-9a61-2f1e1c0d9b11';
const D1 = '7a2b3c4d-1e2f-4a5b-8c6d-0e1f2a3b4c5d';

describe('decodeTelemetryBatch', () => {
  it('flattens a batch into rows of its enterprise', () => {
    const batch = {
      enterpriseId: E1,
      agentId: 'a1',
      batchId: 'b1',
      receivedAt: 1,
      points: [{ deviceId: D1, metric: 'steam.mass', ts: 1000, value: 2.5 }],
    };
    expect(decodeTelemetryBatch(encode(batch))).toEqual({
      ok: true,
      rows: [{ enterpriseId: E1, deviceId: D1, metric: 'steam.mass', ts: 1000, value: 2.5 }],
    });
  });

  it.each([
    [Buffer.from('{nope'), 'not JSON'],
    [encode({ points: [] }), 'not a telemetry batch'],
    [encode(null), 'not a telemetry batch'],
    [encode({ enterpriseId: 'e1', points: [] }), 'not a telemetry batch'],
    [
      encode({ enterpriseId: E1, points: [{ deviceId: D1, metric: 'm', ts: 'soon', value: 1 }] }),
      'point 0 is malformed',
    ],
    [
      encode({ enterpriseId: E1, points: [{ deviceId: 'd1', metric: 'm', ts: 1, value: 1 }] }),
      'point 0 is malformed',
    ],
  ])('calls %s poison', (value, reason) => {
    expect(decodeTelemetryBatch(value)).toEqual({ ok: false, reason });
  });
});
