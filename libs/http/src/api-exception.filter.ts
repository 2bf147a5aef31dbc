import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError, ApiErrorBody } from './api-error.js';

/** Codes for errors raised by Nest or Express themselves (body parser, routing). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/**
 * Every error leaves in the api.md shape. Unexpected errors are logged with their stack and
 * answered with a bare 500: no stack, no SQL, no internals in the response.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = this.describe(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(status).json(body);
  }

  private describe(exception: unknown): {
    status: number;
    body: ApiErrorBody;
    headers: Record<string, string>;
  } {
    // An ApiError thrown inside Express middleware (the JSON parser's shape check) reaches
    // here wrapped by Nest's adapter in an HttpException, the original as `cause`.
    const cause = causeOf(exception);
    const apiError =
      exception instanceof ApiError ? exception : cause instanceof ApiError ? cause : undefined;
    if (apiError) {
      return {
        status: apiError.getStatus(),
        body: apiError.getResponse() as ApiErrorBody,
        headers: { ...apiError.headers },
      };
    }
    // Body-parser failures arrive raw or wrapped by Nest (the original as `cause`).
    const parserMessage = BODY_PARSER_MESSAGES[bodyParserType(exception) ?? bodyParserType(cause) ?? ''];
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, body: toBody(status, parserMessage ?? messageOf(exception)), headers: {} };
    }
    const status = (exception as { status?: unknown }).status;
    if (parserMessage && typeof status === 'number')
      return { status, body: toBody(status, parserMessage), headers: {} };
    return { status: 500, body: toBody(500, 'internal error', 'INTERNAL'), headers: {} };
  }
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'the body is larger than the limit',
  'encoding.unsupported': 'the content encoding is not supported',
  'request.aborted': 'the request was aborted',
};

function bodyParserType(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

function toBody(status: number, message: string, code = CODE_BY_STATUS[status] ?? 'ERROR'): ApiErrorBody {
  return { error: { code, message, details: [] } };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message)
    ? message.join('; ')
    : typeof message === 'string'
      ? message
      : exception.message;
}
