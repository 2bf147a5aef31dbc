import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('grip.requestId');
// A caller's id is kept only when it cannot smuggle anything into logs or the audit trail.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

type WithRequestId = Request & { [REQUEST_ID]?: string };

/**
 * Gives every request an id, the caller's `X-Request-Id` when it is safe, and echoes it in the
 * response, so a log line, an audit entry and a client's report can be matched.
 */
export function requestIdMiddleware() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const offered = request.headers['x-request-id'];
    const id = typeof offered === 'string' && SAFE_ID.test(offered) ? offered : randomUUID();
    (request as WithRequestId)[REQUEST_ID] = id;
    response.setHeader('X-Request-Id', id);
    next();
  };
}

export function requestIdOf(request: Request): string | undefined {
  return (request as WithRequestId)[REQUEST_ID];
}

/** The caller's address as Express resolved it (`trust proxy`), IPv4-mapped IPv6 shown as IPv4. */
export function sourceIpOf(request: Request): string | undefined {
  const ip = request.ip ?? request.socket?.remoteAddress;
  return ip?.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}
