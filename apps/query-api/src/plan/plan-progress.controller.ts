import { Controller, Get, Header, Inject, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { AuditTrail } from '#grip/audit';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { toCsv } from '../csv-table.js';
import { PlanProgressService } from './plan-progress.service.js';

export class PlanProgressQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    example: '440000',
    description: 'GB/T 2260 code; an official’s own region by default',
  })
  @IsOptional()
  @IsString()
  regionCode?: string;
}

@ApiTags('plan')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator', 'official')
@Controller('api/v1/plan/progress')
export class PlanProgressController {
  constructor(
    @Inject(PlanProgressService) private readonly plans: PlanProgressService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Plan targets against actuals, by region (the province and each city under it)',
    description:
      'Actuals are counted from registered retrofit projects and measured data, never typed in (indicators.md §8).',
  })
  progress(@CurrentPrincipal() scope: Principal, @Query() query: PlanProgressQuery) {
    return this.plans.progress(scope, query.year, query.regionCode);
  }

  @Get('export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV with a byte-order mark: one row per region and metric' })
  @ApiOperation({ summary: 'Plan progress as CSV; recorded in the audit log' })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: PlanProgressQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const answer = await this.plans.progress(actor.principal, query.year, query.regionCode);
    const rows = answer.lines.flatMap((line) =>
      line.metrics.map((m) => [
        line.regionCode,
        line.regionName,
        line.level,
        m.metric,
        m.target,
        m.targetSource,
        m.actual,
        m.progress,
      ]),
    );
    await this.audit.record(actor, {
      action: 'plan_progress.export',
      targetType: 'region',
      targetId: answer.regionCode,
      after: { year: query.year, format: 'csv', rows: rows.length },
    });
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="grip-plan-${answer.regionCode}-${query.year}.csv"`,
    );
    return toCsv(
      ['region_code', 'region_name', 'level', 'metric', 'target', 'target_source', 'actual', 'progress'],
      rows,
    );
  }
}
