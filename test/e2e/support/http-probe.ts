/**
 * Raw HTTP for the security suites: every answer is kept (status, parsed body, raw text) so a
 * test can assert on refusals as precisely as on successes. No client-side retries or parsing
 * shortcuts that could hide what the server said.
 */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
}

export interface ProbeOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is (string or bytes), with `contentType`; overrides `body`. */
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export async function probe(baseUrl: string, method: string, path: string, options: ProbeOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['content-type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(new URL(path, baseUrl), { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, text, headers: response.headers } satisfies Answer;
}

/** api.md: every 4xx/5xx body is {error: {code, message, details}}; details is a list when present. */
export function hasErrorShape(answer: Answer): boolean {
  const error = (answer.body as { error?: Record<string, unknown> } | undefined)?.error;
  if (!error || typeof error !== 'object') return false;
  if (typeof error.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(error.code)) return false;
  if (typeof error.message !== 'string' || error.message === '') return false;
  return error.details === undefined || Array.isArray(error.details);
}

/** What a refusal reveals: its status and machine code (messages may name the requested kind). */
export function refusalOf(answer: Answer): string {
  const code = (answer.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return `${answer.status} ${String(code)}`;
}

/** A compact description for assertion messages. */
export function describeAnswer(label: string, answer: Answer): string {
  return `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
}

/** Fails with the request named (jest's own messages would not say which of hundreds it was). */
export function assertThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
