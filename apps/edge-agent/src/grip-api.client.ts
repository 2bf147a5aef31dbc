/**
 * A small typed client of GRIP's HTTP API (api.md), used by the edge agent, the demo seed
 * and the end-to-end tests — everything goes through the same public paths.
 */
export class GripApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
    this.name = 'GripApiError';
  }
}

export interface TelemetryPointInput {
  readonly device: string;
  readonly metric: string;
  readonly ts: string;
  readonly value: number;
}

export class GripApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  withToken(token: string): GripApiClient {
    return new GripApiClient(this.baseUrl, token);
  }

  async login(username: string, password: string): Promise<GripApiClient> {
    const { accessToken } = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      username,
      password,
    });
    return this.withToken(accessToken);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const retryAfter = response.headers.get('retry-after');
      throw new GripApiError(response.status, parsed, retryAfter ? Number(retryAfter) : undefined);
    }
    return parsed as T;
  }

  pushTelemetry(batchId: string, points: readonly TelemetryPointInput[]) {
    return this.request<{ accepted: number; rejected: { index: number; code: string; message: string }[] }>(
      'POST',
      '/ingest/v1/telemetry',
      { batchId, points },
    );
  }
}
