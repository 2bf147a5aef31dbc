import { TELEMETRY_FORMAT } from '#grip/contracts';
import type { ConsumedMessage } from '#grip/bus';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NEWLINE = 0x0a;

export type DecodeResult =
  | { readonly ok: true; readonly points: number; readonly receivedAt: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks a telemetry.raw message before its bytes join an insert. The gateway validated every
 * point, so a message failing here is poison (a bug, an old or foreign producer), not user
 * input: it goes to the dead-letter topic. The checks are native byte searches, no per-point
 * JavaScript: the framing (one line per point), and that every row belongs to the enterprise
 * the headers name, so no message can write into another tenant. A row that is still
 * malformed inside makes ClickHouse refuse the insert, and the writer isolates it then.
 */
export function decodeTelemetryMessage(message: Pick<ConsumedMessage, 'value' | 'headers'>): DecodeResult {
  const headers = message.headers ?? {};
  if (headers['format'] !== TELEMETRY_FORMAT) {
    return { ok: false, reason: `unknown format ${JSON.stringify(headers['format'] ?? null)}` };
  }
  const enterprise = headers['enterprise'] ?? '';
  if (!UUID.test(enterprise)) return { ok: false, reason: 'no enterprise header' };
  const points = Number(headers['points']);
  if (!Number.isInteger(points) || points < 1) return { ok: false, reason: 'no points header' };
  const receivedAt = Number(headers['received-at']);

  const value = message.value;
  if (value.length === 0 || value[value.length - 1] !== NEWLINE) {
    return { ok: false, reason: 'truncated: the last row has no line end' };
  }
  const rowStart = Buffer.from(`${enterprise}\t`);
  if (value.compare(rowStart, 0, rowStart.length, 0, rowStart.length) !== 0) {
    return { ok: false, reason: 'row 0 is not of the enterprise in the headers' };
  }
  // Every further row starts right after a line end with the same enterprise id.
  const nextRow = Buffer.from(`\n${enterprise}\t`);
  let rows = 1;
  for (let at = value.indexOf(nextRow); at !== -1; at = value.indexOf(nextRow, at + 1)) rows++;
  let lineEnds = 0;
  for (let at = value.indexOf(NEWLINE); at !== -1; at = value.indexOf(NEWLINE, at + 1)) lineEnds++;
  if (lineEnds !== points) return { ok: false, reason: `${lineEnds} rows, headers say ${points}` };
  if (rows !== points) return { ok: false, reason: 'a row is not of the enterprise in the headers' };
  return { ok: true, points, receivedAt: Number.isFinite(receivedAt) ? receivedAt : 0 };
}
