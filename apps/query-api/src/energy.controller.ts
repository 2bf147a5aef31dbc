import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, HumanAuthGuard } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { EnergyQuery } from './energy.query.dto.js';
import { EnergyService } from './energy.service.js';

@ApiTags('indicators')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/enterprises')
export class EnergyController {
  constructor(@Inject(EnergyService) private readonly energy: EnergyService) {}

  @Get(':id/energy')
  @ApiOperation({
    summary: 'Energy consumption per carrier and comprehensive energy in tce (GB/T 2589-2020)',
    description:
      'From the enterprise’s site meters; counter resets and rollovers handled, outliers excluded and counted.',
  })
  energyOf(
    @CurrentPrincipal() scope: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('enterprise') })) id: string,
    @Query() query: EnergyQuery,
  ) {
    return this.energy.energyOf(scope, id, query);
  }
}
