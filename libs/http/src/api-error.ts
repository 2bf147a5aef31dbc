import { HttpException } from '@nestjs/common';

export interface ApiErrorDetail {
  /** The offending field (`body.creditCode`) or point (`points[3].ts`). */
  readonly field?: string;
  readonly index?: number;
  /** Bulk imports: the file's row (CSV spreadsheet row, JSON array index). */
  readonly row?: number;
  readonly code?: string;
  readonly message: string;
}

export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: readonly ApiErrorDetail[];
  };
}

/** An error with the shape of api.md: `{"error": {"code", "message", "details"}}`. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super({ error: { code, message, details } } satisfies ApiErrorBody, status);
  }

  static badRequest(code: string, message: string, details: readonly ApiErrorDetail[] = []): ApiError {
    return new ApiError(400, code, message, details);
  }
  static unauthorized(message = 'missing or invalid credentials'): ApiError {
    return new ApiError(401, 'UNAUTHORIZED', message);
  }
  static forbidden(message = 'not allowed for this role'): ApiError {
    return new ApiError(403, 'FORBIDDEN', message);
  }
  /** Also for objects that exist but are outside the caller's scope: never reveal them. */
  static notFound(what: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', `${what} not found`);
  }
  static conflict(message: string, details: readonly ApiErrorDetail[] = []): ApiError {
    return new ApiError(409, 'CONFLICT', message, details);
  }
  static payloadTooLarge(message: string): ApiError {
    return new ApiError(413, 'PAYLOAD_TOO_LARGE', message);
  }
  /** api.md: 429 always says when to come back. */
  static rateLimited(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(429, 'RATE_LIMITED', message, [], { 'Retry-After': String(retryAfterSeconds) });
  }
  static unavailable(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(503, 'UNAVAILABLE', message, [], { 'Retry-After': String(retryAfterSeconds) });
  }
}
