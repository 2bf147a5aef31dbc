import type { SecurityHeadersOptions } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { NextFunction, Request, Response } from 'express';

/**
 * Response headers for every route (Nest's built-in, helmet 8's set). The CSP allows only
 * same-origin scripts: the dashboard loads /dashboard.js and /vendor/chart.umd.min.js, Swagger UI
 * its /docs/*.js files, and neither runs inline script. Both pages carry an inline <style>
 * block, hence 'unsafe-inline' for styles only; Swagger UI draws icons from data: URIs.
 */
export const SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // No upgrade-insecure-requests: the single-machine mode is served over plain HTTP, where
      // the browser would rewrite the dashboard's script URLs to https and fail to load them.
    },
  },
  xFrameOptions: { action: 'deny' },
  // Without includeSubDomains: the platform's host must not force HTTPS on sibling hosts of a
  // government domain it knows nothing about. Browsers ignore the header over plain HTTP.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
};

/**
 * CORS for the configured origins only; with none, no CORS header is sent and browsers keep
 * other sites' scripts from reading the API. Tokens travel in Authorization, never in cookies,
 * so credentials stay off.
 */
export function corsOptions(origins: readonly string[]): CorsOptions | undefined {
  if (origins.length === 0) return undefined;
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    credentials: false,
    maxAge: 600,
  };
}

/** API answers carry tokens and tenant data: no shared or browser cache may keep them. */
export function noStoreMiddleware() {
  return (_request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
