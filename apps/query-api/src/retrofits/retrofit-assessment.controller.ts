import { Controller, Get, Header, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { AuditTrail } from '#grip/audit';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { toCsv } from '../csv-table.js';
import { ASSESSMENT_COLUMNS } from './assessment-table.js';
import { RetrofitAssessmentService } from './retrofit-assessment.service.js';

const GRANULARITIES = ['day', 'month'] as const;

export class AssessmentQuery {
  @ApiPropertyOptional({
    enum: GRANULARITIES,
    default: 'day',
    description: 'observations of the IPMVP Option C model: Shanghai days or calendar months',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity: (typeof GRANULARITIES)[number] = 'day';
}

@ApiTags('retrofits')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1')
export class RetrofitAssessmentController {
  constructor(
    @Inject(RetrofitAssessmentService) private readonly assessments: RetrofitAssessmentService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get('retrofits/:id/assessment')
  @ApiOperation({
    summary: 'Did the retrofit work? Baseline model, fit statistics, savings with uncertainty, verdict',
    description:
      'GB/T 13234 savings, the IPMVP Option C adjusted baseline with ASHRAE Guideline 14 acceptance, every ' +
      'indicator baseline versus reporting, and the verdict achieved / not_achieved / inconclusive with its ' +
      'reasons (indicators.md §6). Stored with the methodology version; recomputed when late data, a ' +
      'corrected declaration or a new methodology arrives.',
  })
  assessment(@CurrentPrincipal() scope: Principal, @Param('id') id: string, @Query() query: AssessmentQuery) {
    return this.assessments.assessmentOf(scope, id, { granularity: query.granularity });
  }

  @Get('regions/:regionCode/retrofit-assessments')
  @ApiOperation({ summary: 'Every retrofit project in the region the caller may see, with its verdict' })
  async regionAssessments(@CurrentPrincipal() scope: Principal, @Param('regionCode') regionCode: string) {
    const rows = await this.assessments.regionAssessments(scope, regionCode);
    return {
      regionCode,
      projects: rows.map((row) => Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c.key, c.cell(row)]))),
    };
  }

  @Get('regions/:regionCode/retrofit-assessments/export')
  @Roles('operator', 'official')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'UTF-8 CSV with a byte-order mark, one row per project; recorded in the audit log',
  })
  @ApiOperation({ summary: 'The region’s retrofit assessments as CSV (operators and officials)' })
  async exportRegionAssessments(
    @CurrentActor() actor: Actor,
    @Param('regionCode') regionCode: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const rows = await this.assessments.regionAssessments(actor.principal, regionCode);
    // No table leaves without its trail: if the entry cannot be written, the export fails.
    await this.audit.record(actor, {
      action: 'retrofit_assessments.export',
      targetType: 'region',
      targetId: regionCode,
      after: { format: 'csv', rows: rows.length },
    });
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="grip-${regionCode}-retrofit-assessments.csv"`,
    );
    return toCsv(
      ASSESSMENT_COLUMNS.map((c) => c.key),
      rows.map((row) => ASSESSMENT_COLUMNS.map((c) => c.cell(row))),
    );
  }
}
