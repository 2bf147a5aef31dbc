import { Module } from '@nestjs/common';
import { AuditTrail } from '#grip/audit';
import { EnergyController } from './energy.controller.js';
import { EnergyService } from './energy.service.js';
import { DeclarationEventsListener } from './indicators/declaration-events.listener.js';
import { EnterpriseIndicatorsController } from './indicators/enterprise-indicators.controller.js';
import { EnterpriseIndicatorsService } from './indicators/enterprise-indicators.service.js';
import { IndicatorComputationService } from './indicators/indicator-computation.service.js';
import { IndicatorRecomputeController } from './indicators/indicator-recompute.controller.js';
import { IndicatorSchedulerService } from './indicators/indicator-scheduler.service.js';
import { RegionIndicatorsController } from './indicators/region-indicators.controller.js';
import { RegionIndicatorsService } from './indicators/region-indicators.service.js';

/** Officials and enterprises: indicator endpoints; the indicator engine (stored values, schedule). */
@Module({
  controllers: [
    EnergyController,
    EnterpriseIndicatorsController,
    RegionIndicatorsController,
    IndicatorRecomputeController,
  ],
  providers: [
    AuditTrail,
    EnergyService,
    EnterpriseIndicatorsService,
    RegionIndicatorsService,
    IndicatorComputationService,
    IndicatorSchedulerService,
    DeclarationEventsListener,
  ],
})
export class QueryApiModule {}
