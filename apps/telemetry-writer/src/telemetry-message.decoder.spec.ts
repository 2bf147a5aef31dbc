import { encodeTelemetryMessage } from '#grip/contracts';
import { decodeTelemetryMessage } from './telemetry-message.decoder.js';

const E1 = '6f1c9a52-8d4e-4f7a-9a61-2f1e1c0d9b11';
const E2 = '0e000000-0000-4000-8000-000000000002';
const D1 = '7a2b3c4d-1e2f-4a5b-8c6d-0e1f2a3b4c5d';
const meta = { enterpriseId: E1, agentId: 'a1', batchId: 'b1', receivedAt: 1_700_000_000_000 };
const points = [
  { deviceId: D1, metric: 'steam.mass', ts: 1_700_000_000_000, value: 2.5 },
  { deviceId: D1, metric: 'steam.mass', ts: 1_700_000_060_000, value: 3 },
];

describe('decodeTelemetryMessage', () => {
  it('accepts what the gateway encodes, one TabSeparated row per point', () => {
    const message = encodeTelemetryMessage(meta, points);
    expect(message.value.toString()).toBe(
      `${E1}\t${D1}\tsteam.mass\t2023-11-14 22:13:20.000\t2.5\n` +
        `${E1}\t${D1}\tsteam.mass\t2023-11-14 22:14:20.000\t3\n`,
    );
    expect(decodeTelemetryMessage(message)).toEqual({ ok: true, points: 2, receivedAt: meta.receivedAt });
  });

  const good = encodeTelemetryMessage(meta, points);
  const otherTenantRow = encodeTelemetryMessage({ ...meta, enterpriseId: E2 }, points.slice(0, 1)).value;
  it.each([
    ['no headers', { value: good.value }, 'unknown format null'],
    ['a JSON message of an old producer', { value: Buffer.from('{"points":[]}') }, 'unknown format null'],
    ['another format', { ...good, headers: { ...good.headers, format: 'grip.json.0' } }, 'unknown format'],
    ['no enterprise', { ...good, headers: { ...good.headers, enterprise: 'e1' } }, 'no enterprise header'],
    ['no count', { ...good, headers: { ...good.headers, points: '0' } }, 'no points header'],
    ['a wrong count', { ...good, headers: { ...good.headers, points: '3' } }, '2 rows, headers say 3'],
    ['a truncated value', { ...good, value: good.value.subarray(0, good.value.length - 5) }, 'truncated'],
    [
      'a row of another tenant',
      {
        ...good,
        value: Buffer.concat([good.value.subarray(0, good.value.indexOf('\n') + 1), otherTenantRow]),
      },
      'a row is not of the enterprise',
    ],
    [
      'a first row of another tenant',
      { ...good, headers: { ...good.headers, enterprise: E2 } },
      'row 0 is not of the enterprise',
    ],
  ])('calls %s poison', (_case, message, reason) => {
    const result = decodeTelemetryMessage(message);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
