import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { HumanAuthGuard, Roles } from '#grip/auth';
import { ApiError } from '#grip/http';
import { IndicatorComputationService } from './indicator-computation.service.js';

export class RecomputeRequest {
  @ApiProperty({ example: '2026-03', description: 'YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD in Asia/Shanghai' })
  @IsString()
  period!: string;

  @ApiPropertyOptional({ description: 'Only this enterprise; every enterprise when absent' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;
}

/** Operators recompute and store indicator sets: one enterprise at once, or all as a job. */
@ApiTags('indicators')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator')
@Controller('api/v1/indicators/recompute')
export class IndicatorRecomputeController {
  constructor(
    @Inject(IndicatorComputationService) private readonly computation: IndicatorComputationService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Recompute and store indicator sets for a period',
    description:
      'With enterpriseId: that enterprise, answered when stored (status done). Without: every enterprise, ' +
      'as a job whose progress GET …/recompute/{jobId} reports.',
  })
  async recompute(@Body() body: RecomputeRequest) {
    if (body.enterpriseId) {
      const started = Date.now();
      const set = await this.computation.computeEnterprise(body.enterpriseId, body.period);
      return {
        status: 'done',
        period: body.period,
        enterprises: 1,
        done: 1,
        summary: { computedAt: set.computedAt, durationMs: Date.now() - started },
      };
    }
    return this.computation.startAll(body.period);
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'Progress of a recompute job' })
  job(@Param('jobId') jobId: string) {
    const job = this.computation.job(jobId);
    if (!job) throw ApiError.notFound('recompute job');
    return job;
  }
}
