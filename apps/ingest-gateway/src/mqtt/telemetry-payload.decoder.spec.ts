import { gzipSync } from 'node:zlib';
import { ApiError, DEFAULT_JSON_SHAPE_LIMITS } from '#grip/http';
import { decodeTelemetryPayload } from './telemetry-payload.decoder.js';

const refusal = async (payload: Buffer, maxBytes = 1024) => {
  const error = await decodeTelemetryPayload(payload, maxBytes, DEFAULT_JSON_SHAPE_LIMITS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return { status: (error as ApiError).getStatus(), code: (error as ApiError).code };
};

describe('decodeTelemetryPayload', () => {
  const body = { batchId: 'b-1', points: [{ device: 'm', metric: 'x', ts: 't', value: 1 }] };

  it('reads plain and gzip-encoded JSON alike', async () => {
    await expect(
      decodeTelemetryPayload(Buffer.from(JSON.stringify(body)), 1024, DEFAULT_JSON_SHAPE_LIMITS),
    ).resolves.toEqual(body);
    await expect(
      decodeTelemetryPayload(gzipSync(JSON.stringify(body)), 1024, DEFAULT_JSON_SHAPE_LIMITS),
    ).resolves.toEqual(body);
  });

  it('refuses what is not JSON, truncated gzip and NaN as 400 BAD_REQUEST', async () => {
    for (const payload of [
      Buffer.from('{"batchId": '),
      Buffer.from('{"value": NaN}'),
      Buffer.alloc(0),
      gzipSync(JSON.stringify(body)).subarray(0, 12),
      gzipSync('not json'),
    ]) {
      expect(await refusal(payload)).toEqual({ status: 400, code: 'BAD_REQUEST' });
    }
  });

  it('applies the byte limit before and after inflating (a gzip bomb stops at the limit)', async () => {
    expect(await refusal(Buffer.from(JSON.stringify({ pad: 'x'.repeat(2000) })))).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    const bomb = gzipSync(JSON.stringify({ pad: ' '.repeat(1_000_000) }));
    expect(bomb.length).toBeLessThan(1024);
    expect(await refusal(bomb)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses nesting past JSON_MAX_DEPTH before parsing, plain or gzip, as 400 JSON_TOO_DEEP', async () => {
    const deep = '['.repeat(65) + ']'.repeat(65);
    expect(await refusal(Buffer.from(deep))).toEqual({ status: 400, code: 'JSON_TOO_DEEP' });
    expect(await refusal(gzipSync('['.repeat(100_000)), 200_000)).toEqual({
      status: 400,
      code: 'JSON_TOO_DEEP',
    });
    // 64 levels are fine: the parser sees them (and the batch validator refuses the array later).
    await expect(
      decodeTelemetryPayload(Buffer.from('['.repeat(64) + ']'.repeat(64)), 1024, DEFAULT_JSON_SHAPE_LIMITS),
    ).resolves.toBeInstanceOf(Array);
  });

  it('refuses more members than JSON_MAX_MEMBERS as 400 JSON_TOO_MANY_MEMBERS', async () => {
    const limits = { maxDepth: 64, maxMembers: 1000, maxObjectKeys: 1000 };
    const wide = Buffer.from(JSON.stringify(Array.from({ length: 1001 }, () => 0)));
    const error = await decodeTelemetryPayload(wide, 1_000_000, limits).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JSON_TOO_MANY_MEMBERS' });
  });
});
