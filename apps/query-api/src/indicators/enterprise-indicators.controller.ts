import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { CurrentPrincipal, HumanAuthGuard } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { ELECTRICITY_BASES } from '../energy.query.dto.js';
import { EnterpriseIndicatorsService } from './enterprise-indicators.service.js';

export class IndicatorsQuery {
  @ApiProperty({ example: '2026-03', description: 'YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD in Asia/Shanghai' })
  @IsString()
  period!: string;

  @ApiPropertyOptional({ enum: ELECTRICITY_BASES, default: 'equivalent' })
  @IsOptional()
  @IsIn(ELECTRICITY_BASES)
  basis: (typeof ELECTRICITY_BASES)[number] = 'equivalent';
}

@ApiTags('indicators')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/enterprises')
export class EnterpriseIndicatorsController {
  constructor(
    @Inject(EnterpriseIndicatorsService) private readonly indicators: EnterpriseIndicatorsService,
  ) {}

  @Get(':id/indicators')
  @ApiOperation({
    summary: 'Every indicator of an enterprise for a period',
    description:
      'Value, unit, formula id, methodology version, inputs and coverage for each (indicators.md §2–§5).',
  })
  indicatorsOf(
    @CurrentPrincipal() scope: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('enterprise') })) id: string,
    @Query() query: IndicatorsQuery,
  ) {
    return this.indicators.indicatorsOf(scope, id, query.period, query.basis);
  }
}
