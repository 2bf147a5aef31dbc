import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CurrentPrincipal, HumanAuthGuard } from '#grip/auth';
import type { Principal } from '#grip/contracts';
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
  constructor(@Inject(RegionIndicatorsService) private readonly regions: RegionIndicatorsService) {}

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
}
