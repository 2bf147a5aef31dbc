/**
 * ClickHouse error codes meaning "this data cannot be parsed or stored", as opposed to "cannot
 * store right now" (connection, memory, a missing table during maintenance). Only the first
 * kind may send a message to the dead-letter topic; everything else is retried, never skipped.
 * Kept to codes chDB was seen raising for malformed rows (test/integration/clickhouse-data-errors):
 * a code as broad as STD_EXCEPTION (1001) also covers a full disk, whose rows must wait, not go.
 */
const DATA_ERROR_CODES = new Set([
  '6', // CANNOT_PARSE_TEXT
  '26', // CANNOT_PARSE_QUOTED_STRING
  '27', // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  '38', // CANNOT_PARSE_DATE
  '41', // CANNOT_PARSE_DATETIME
  '72', // CANNOT_PARSE_NUMBER
  '117', // INCORRECT_DATA
  '376', // CANNOT_PARSE_UUID
]);

export function isRowDataError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (code !== undefined && DATA_ERROR_CODES.has(String(code))) return true;
  // chDB raises plain errors whose message carries the code: "Code: 27. DB::Exception: …".
  const match = /\bCode: (\d+)\./.exec(error instanceof Error ? error.message : String(error));
  return match !== null && DATA_ERROR_CODES.has(match[1]!);
}
