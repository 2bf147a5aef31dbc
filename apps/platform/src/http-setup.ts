import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, raw } from 'express';
import type { Server } from 'node:http';
import {
  ApiExceptionFilter,
  applyServerTimeouts,
  corsOptions,
  createValidationPipe,
  jsonShapeVerifier,
  type JsonShapeLimits,
  noStoreMiddleware,
  requestIdMiddleware,
  SECURITY_HEADERS,
  UserRateLimitInterceptor,
} from '#grip/http';
import { RegistryErrorFilter } from '#grip/registry';
import { IMPORT_MEDIA_TYPES } from '../../admin-api/src/index.js';

export interface HttpOptions {
  readonly maxBodyBytes: number;
  /** Depth and member count of a JSON body, checked on its bytes before it is parsed. */
  readonly json: JsonShapeLimits;
  /** Bulk imports (`/api/v1/imports`): their own, larger limit, read as raw bytes. */
  readonly importMaxBytes: number;
  /** Browser origins allowed to call the API; empty: CORS off. */
  readonly corsOrigins: readonly string[];
  /** Proxy hops whose X-Forwarded-For is believed (0: none), for the source address. */
  readonly trustProxy: number;
  readonly requestTimeoutMs: number;
  readonly apiRatePerMin: number;
}

/**
 * HTTP behaviour shared by every app: security headers, CORS, request ids, timeouts, per-user
 * rate, error shape, validation, body limits, OpenAPI at /docs. Call before static assets and
 * routes are added: middleware applies in the order it is registered.
 */
export function configureHttp(app: NestExpressApplication, options: HttpOptions): void {
  app.useSecurityHeaders(SECURITY_HEADERS);
  const cors = corsOptions(options.corsOrigins);
  if (cors) app.enableCors(cors);
  app.set('trust proxy', options.trustProxy === 0 ? false : options.trustProxy);
  app.use(requestIdMiddleware());
  app.use(['/api', '/ingest'], noStoreMiddleware());
  applyServerTimeouts(app.getHttpServer() as Server, options.requestTimeoutMs);

  // Registered before the JSON parser: imports arrive whole as bytes (CSV or JSON) with their
  // own limit, and the JSON parser then finds the body already read and leaves it alone.
  app.use('/api/v1/imports', raw({ type: IMPORT_MEDIA_TYPES, limit: options.importMaxBytes }));
  // The shape check runs on the inflated bytes before JSON.parse, so no body deeper or wider
  // than the limits ever reaches class-transformer (which recurses per level: issue 15).
  // Express' own json(), as app.useBodyParser does, because Nest's typing withholds `verify`;
  // the layer is named jsonParser, so Nest adds no default JSON parser of its own beside it.
  app.use(json({ limit: options.maxBodyBytes, verify: jsonShapeVerifier(options.json) }));
  // Nest tries filters from the last registered: registry errors first, then everything else.
  app.useGlobalFilters(new ApiExceptionFilter(), new RegistryErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new UserRateLimitInterceptor(options.apiRatePerMin));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('GRIP — Green & smart Retrofit Indicator Platform')
      .setDescription('Onboarding, edge-agent ingest and indicator APIs (shared/docs/api.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
