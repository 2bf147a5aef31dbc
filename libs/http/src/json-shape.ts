import { ApiError } from './api-error.js';

/**
 * How deep and how large a JSON body may be, checked on its bytes before anything parses or
 * transforms it. class-transformer and class-validator recurse once per nesting level, so a
 * 10 KB body of 5,000 nested arrays overflowed the stack (500) before validation could refuse
 * it (issue 15); a member count bounds the work per body that the byte limit alone does not.
 */
export interface JsonShapeLimits {
  /** JSON_MAX_DEPTH: arrays and objects open at once. */
  readonly maxDepth: number;
  /** JSON_MAX_MEMBERS: array elements plus object members, over the whole body. */
  readonly maxMembers: number;
  /**
   * JSON_MAX_OBJECT_KEYS: members of any one object. class-transformer's cost grows with the
   * square of an object's key count: one object of 200,000 keys held a core for 265 s.
   */
  readonly maxObjectKeys: number;
}

export const DEFAULT_JSON_SHAPE_LIMITS: JsonShapeLimits = {
  maxDepth: 64,
  maxMembers: 200_000,
  maxObjectKeys: 1000,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// What each byte is to the scan: 0 anything else.
const WHITESPACE = 1;
const STRING = 2;
const COMMA = 3;
const OPEN = 4;
const CLOSE = 5;
const CLASS = new Uint8Array(256);
for (const byte of [0x20, 0x09, 0x0a, 0x0d]) CLASS[byte] = WHITESPACE;
CLASS[QUOTE] = STRING;
CLASS[0x2c] = COMMA;
CLASS[0x5b] = OPEN; // [
CLASS[0x7b] = OPEN; // {
CLASS[0x5d] = CLOSE; // ]
CLASS[0x7d] = CLOSE; // }

/**
 * Scans JSON text once, without parsing it or recursing, and stops at the first limit crossed,
 * so a hostile body costs at most as much as the limit. Works on UTF-8 bytes: every byte of a
 * multi-byte character is ≥ 0x80, never a bracket, quote or comma. Says nothing about whether
 * the text is valid JSON — the parser that follows does.
 */
export function checkJsonShape(text: Buffer | string, limits: JsonShapeLimits): ApiError | undefined {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let members = 0;
  // Per open container (index = depth): whether it is an object, and its members so far.
  const isObject = new Uint8Array(limits.maxDepth + 1);
  const keys = new Uint32Array(limits.maxDepth + 1);
  /** One more member in the container open at `depth`; a refusal if a limit is crossed. */
  const member = (): ApiError | undefined => {
    if (++members > limits.maxMembers) return tooManyMembers(limits.maxMembers);
    if (depth > 0 && isObject[depth] === 1 && ++keys[depth]! > limits.maxObjectKeys)
      return tooManyKeys(limits.maxObjectKeys);
    return undefined;
  };
  /** Just after `[` or `{`: the next significant byte says whether the container has a first member. */
  let opened = false;
  for (let i = 0; i < bytes.length; i++) {
    const kind = CLASS[bytes[i]!]!;
    if (kind === WHITESPACE) continue;
    if (opened) {
      opened = false;
      const refusal = kind === CLOSE ? undefined : member();
      if (refusal) return refusal;
    }
    if (kind === STRING) i = closingQuote(bytes, i);
    else if (kind === COMMA) {
      const refusal = member();
      if (refusal) return refusal;
    } else if (kind === OPEN) {
      if (++depth > limits.maxDepth) return tooDeep(limits.maxDepth);
      isObject[depth] = bytes[i] === 0x7b ? 1 : 0;
      keys[depth] = 0;
      opened = true;
    } else if (kind === CLOSE && depth > 0) depth--;
  }
  return undefined;
}

/** The index of the quote that ends the string opened at `open` (a quote after an even run of backslashes). */
function closingQuote(bytes: Buffer, open: number): number {
  let at = open;
  for (;;) {
    at = bytes.indexOf(QUOTE, at + 1);
    if (at === -1) return bytes.length; // unterminated: the parser will say so
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

function tooDeep(maxDepth: number): ApiError {
  const message = `the JSON body nests deeper than ${maxDepth} levels (JSON_MAX_DEPTH)`;
  return ApiError.badRequest('JSON_TOO_DEEP', message, [{ field: 'body', message }]);
}

function tooManyKeys(maxObjectKeys: number): ApiError {
  const message = `an object in the JSON body has more than ${maxObjectKeys} members (JSON_MAX_OBJECT_KEYS)`;
  return ApiError.badRequest('JSON_TOO_MANY_KEYS', message, [{ field: 'body', message }]);
}

function tooManyMembers(maxMembers: number): ApiError {
  const message = `the JSON body has more than ${maxMembers} array elements and object members (JSON_MAX_MEMBERS)`;
  return ApiError.badRequest('JSON_TOO_MANY_MEMBERS', message, [{ field: 'body', message }]);
}

/**
 * The `verify` hook of Express' JSON parser: it runs on the decoded (inflated) bytes before
 * JSON.parse. body-parser passes what it throws to the error handler with the thrown error's
 * own status (400 here), and the exception filter answers it in the api.md shape.
 */
export function jsonShapeVerifier(
  limits: JsonShapeLimits,
): (req: unknown, res: unknown, body: Buffer) => void {
  return (_req, _res, body) => {
    const refusal = checkJsonShape(body, limits);
    if (refusal) throw refusal;
  };
}
