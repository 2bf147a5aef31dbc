import { Controller, HttpCode, Inject, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentActor, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import { ApiError } from '#grip/http';
import { ImportQuery } from './dto/import.dto.js';
import { BulkImportService, type ImportFormat } from './imports/bulk-import.service.js';
import { IMPORT_LIMITS, type ImportLimits } from './imports/import-limits.js';
import { RetrofitImportService } from './imports/retrofit-import.service.js';

/** The media types an import accepts; the platform's raw body parser for /api/v1/imports reads these. */
export const IMPORT_MEDIA_TYPES = ['text/csv', 'application/json'];

@ApiTags('onboarding')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    @Inject(BulkImportService) private readonly imports: BulkImportService,
    @Inject(IMPORT_LIMITS) private readonly limits: ImportLimits,
    @Inject(RetrofitImportService) private readonly retrofitImports: RetrofitImportService,
  ) {}

  @Post('enterprises')
  @HttpCode(200)
  @Roles('provider', 'operator')
  @ApiConsumes(...IMPORT_MEDIA_TYPES)
  @ApiBody({
    description: 'CSV (one row per device) or JSON ({"enterprises": [...]}); see docs/onboarding.md',
  })
  @ApiOperation({
    summary:
      'Bulk import of enterprises and their devices: dry run reports every error by row and field; apply is all-or-nothing',
  })
  importEnterprises(@CurrentActor() actor: Actor, @Query() query: ImportQuery, @Req() req: Request) {
    const format = formatOf(req.headers['content-type']);
    if (!format) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${IMPORT_MEDIA_TYPES.join(' or ')}`);
    // The raw parser leaves no body when there is none: an empty file, reported as such.
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // REQUEST_TIMEOUT_MS closes a connection silent that long; checking and writing 100,000
    // devices can take longer on a busy machine, so an import's connection gets its own bound.
    req.setTimeout(this.limits.timeoutMs);
    return this.imports.import(actor, {
      dryRun: query.dryRun === 'true',
      providerId: query.providerId,
      format,
      body,
    });
  }

  @Post('retrofits')
  @HttpCode(200)
  @Roles('provider', 'operator')
  @ApiConsumes(...IMPORT_MEDIA_TYPES)
  @ApiBody({
    description:
      'CSV (one project per row) or JSON ({"retrofits": [...]}), enterprises named by enterpriseExternalId; see docs/onboarding.md',
  })
  @ApiOperation({
    summary:
      'Bulk registration of retrofit projects: dry run reports every error by row and field; apply is all-or-nothing',
  })
  importRetrofits(@CurrentActor() actor: Actor, @Query() query: ImportQuery, @Req() req: Request) {
    const format = formatOf(req.headers['content-type']);
    if (!format) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${IMPORT_MEDIA_TYPES.join(' or ')}`);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.setTimeout(this.limits.timeoutMs);
    return this.retrofitImports.import(actor, {
      dryRun: query.dryRun === 'true',
      providerId: query.providerId,
      format,
      body,
    });
  }
}

function formatOf(contentType: string | undefined): ImportFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'text/csv' ? 'csv' : type === 'application/json' ? 'json' : undefined;
}
