import { Controller, Get, Header, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { AuditTrail } from '#grip/audit';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import type { Response } from 'express';
import { toCsv } from '../csv-table.js';
import { REGION_TABLE_COLUMNS } from './region-table.js';
import { RegionIndicatorsService } from './region-indicators.service.js';

export class RegionIndicatorsQuery {
  @ApiProperty({ example: '2026-03', description: 'YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD in Asia/Shanghai' })
  @IsString()
  period!: string;

  @ApiPropertyOptional({
    example: 'C38',
    description: 'GB/T 4754 code: the division, group or class and below',
  })
  @IsOptional()
  @Matches(/^C\d{2,4}$/, { message: 'industry must be a GB/T 4754 manufacturing code such as C38 or C3851' })
  industry?: string;
}

@ApiTags('indicators')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/regions')
export class RegionIndicatorsController {
  constructor(
    @Inject(RegionIndicatorsService) private readonly regions: RegionIndicatorsService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get(':regionCode/indicators')
  @ApiOperation({
    summary: 'Indicators of a region (and optionally an industry) for a period',
    description:
      'Extensive quantities summed over the enterprises in scope, then divided; enterprises below the coverage ' +
      'threshold are left out and listed with the reason.',
  })
  regionIndicators(
    @CurrentPrincipal() scope: Principal,
    @Param('regionCode') regionCode: string,
    @Query() query: RegionIndicatorsQuery,
  ) {
    return this.regions.regionIndicators(scope, regionCode, query.period, query.industry);
  }

  @Get(':regionCode/indicators/export')
  @Roles('operator', 'official')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'UTF-8 CSV with a byte-order mark; header row: enterprise_id, name, credit_code, region_code, ' +
      'industry_code, status, reason, energy and carbon figures, intensities, equipment rates, ' +
      'methodology_version, computed_at. Empty cells are absent values.',
  })
  @ApiOperation({
    summary: 'The region’s table as CSV: one row per enterprise in scope (operators and officials)',
    description:
      'Each row holds what the enterprise contributes to the region figures, or why it is left out. ' +
      'Every export is recorded in the audit log (region.export).',
  })
  async exportRegionTable(
    @CurrentActor() actor: Actor,
    @Param('regionCode') regionCode: string,
    @Query() query: RegionIndicatorsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const rows = await this.regions.regionTable(actor.principal, regionCode, query.period, query.industry);
    // No table leaves without its trail: if the entry cannot be written, the export fails.
    await this.audit.record(actor, {
      action: 'region.export',
      targetType: 'region',
      targetId: regionCode,
      after: { period: query.period, industry: query.industry ?? null, format: 'csv', rows: rows.length },
    });
    const file = ['grip', regionCode, query.industry, query.period].filter(Boolean).join('-');
    response.setHeader('Content-Disposition', `attachment; filename="${file}.csv"`);
    return toCsv(
      REGION_TABLE_COLUMNS.map((c) => c.header),
      rows.map((row) => REGION_TABLE_COLUMNS.map((c) => c.cell(row))),
    );
  }
}
