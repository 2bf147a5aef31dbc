import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiExceptionFilter, createValidationPipe } from '#grip/http';
import { RegistryErrorFilter } from '#grip/registry';

/** HTTP behaviour shared by every app: error shape, validation, body limits, OpenAPI at /docs. */
export function configureHttp(app: NestExpressApplication, options: { maxBodyBytes: number }): void {
  app.useBodyParser('json', { limit: options.maxBodyBytes });
  // Nest tries filters from the last registered: registry errors first, then everything else.
  app.useGlobalFilters(new ApiExceptionFilter(), new RegistryErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
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
