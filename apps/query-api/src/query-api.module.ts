import { Module } from '@nestjs/common';
import { EnergyController } from './energy.controller.js';
import { EnergyService } from './energy.service.js';
import { EnterpriseIndicatorsController } from './indicators/enterprise-indicators.controller.js';
import { EnterpriseIndicatorsService } from './indicators/enterprise-indicators.service.js';
import { RegionIndicatorsController } from './indicators/region-indicators.controller.js';
import { RegionIndicatorsService } from './indicators/region-indicators.service.js';

/** Officials and enterprises: indicator endpoints. */
@Module({
  controllers: [EnergyController, EnterpriseIndicatorsController, RegionIndicatorsController],
  providers: [EnergyService, EnterpriseIndicatorsService, RegionIndicatorsService],
})
export class QueryApiModule {}
