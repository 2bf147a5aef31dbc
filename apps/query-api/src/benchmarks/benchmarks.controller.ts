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
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { Response } from 'express';
import { AuditTrail } from '#grip/audit';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { SIZE_CLASSES, type SizeClass } from '#grip/registry';
import { toCsv } from '../csv-table.js';
import { benchmarkCsvRows, BENCHMARK_CSV_HEADER } from './benchmark-table.js';
import { BenchmarksService } from './benchmarks.service.js';

export class BenchmarksQuery {
  @ApiProperty({ example: '2026', description: 'YYYY, YYYY-Qn or YYYY-MM in Asia/Shanghai' })
  @IsString()
  period!: string;

  @ApiProperty({ example: 'C39', description: 'GB/T 4754 code: division, group or class' })
  @Matches(/^C\d{2,4}$/, { message: 'industry must be a GB/T 4754 manufacturing code such as C39 or C3911' })
  industry!: string;

  @ApiPropertyOptional({
    example: '440000',
    description: 'GB/T 2260 code; an official’s own region by default',
  })
  @IsOptional()
  @IsString()
  regionCode?: string;

  @ApiPropertyOptional({ enum: SIZE_CLASSES })
  @IsOptional()
  @IsIn(SIZE_CLASSES)
  sizeClass?: SizeClass;
}

@ApiTags('benchmarks')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/benchmarks')
export class BenchmarksController {
  constructor(
    @Inject(BenchmarksService) private readonly benchmarks: BenchmarksService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Benchmark enterprises of an industry: peer group, ranked enterprises, and why each is in or out',
    description:
      'Gate, peer group climbing GB/T 4754 class → group → division, percentiles oriented higher-is-better, ' +
      'weighted composite, threshold and the two-period rule (indicators.md §7).',
  })
  select(@CurrentPrincipal() scope: Principal, @Query() query: BenchmarksQuery) {
    return this.benchmarks.benchmarks(scope, query);
  }

  @Get('export')
  @Roles('operator', 'official')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'UTF-8 CSV with a byte-order mark: ranked enterprises, then those left out with the rule',
  })
  @ApiOperation({ summary: 'The benchmark list as CSV (operators and officials); recorded in the audit log' })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: BenchmarksQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const answer = await this.benchmarks.benchmarks(actor.principal, query);
    const rows = benchmarkCsvRows(answer);
    await this.audit.record(actor, {
      action: 'benchmarks.export',
      targetType: 'region',
      targetId: answer.regionCode ?? 'all',
      after: { period: query.period, industry: query.industry, format: 'csv', rows: rows.length },
    });
    const file = ['grip-benchmarks', answer.regionCode, query.industry, query.period]
      .filter(Boolean)
      .join('-');
    response.setHeader('Content-Disposition', `attachment; filename="${file}.csv"`);
    return toCsv(BENCHMARK_CSV_HEADER, rows);
  }
}
