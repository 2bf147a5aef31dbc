import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ApiError, checkJsonShape, type JsonShapeLimits } from '#grip/http';

const gunzipAsync = promisify(gunzip);
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * An MQTT payload has no Content-Encoding header, so gzip is recognised by its magic bytes
 * (a JSON text never starts with 0x1f). The limit is the one the HTTP body parser applies,
 * after decoding; the inflater stops at it, so a small gzip bomb costs no memory. The JSON
 * depth and member limits are the HTTP parser's too, checked on the decoded bytes before parsing.
 */
export async function decodeTelemetryPayload(
  payload: Buffer,
  maxBytes: number,
  json: JsonShapeLimits,
): Promise<unknown> {
  if (payload.length > maxBytes) throw tooLarge(maxBytes);
  let text = payload;
  if (payload[0] === GZIP_MAGIC[0] && payload[1] === GZIP_MAGIC[1]) {
    try {
      text = await gunzipAsync(payload, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
      throw ApiError.badRequest('BAD_REQUEST', 'the payload starts like gzip but does not inflate');
    }
  }
  const shapeRefusal = checkJsonShape(text, json);
  if (shapeRefusal) throw shapeRefusal;
  try {
    return JSON.parse(text.toString('utf8')) as unknown;
  } catch {
    throw ApiError.badRequest('BAD_REQUEST', 'the body is not valid JSON');
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than the limit of ${maxBytes} bytes`);
}
