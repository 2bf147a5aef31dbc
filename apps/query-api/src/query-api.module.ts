import { Module } from '@nestjs/common';
import { AuditTrail } from '#grip/audit';
import { BenchmarksController } from './benchmarks/benchmarks.controller.js';
import { BenchmarksService } from './benchmarks/benchmarks.service.js';
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
import { PlanProgressController } from './plan/plan-progress.controller.js';
import { PlanProgressService } from './plan/plan-progress.service.js';
import { MeasuredSeriesService } from './retrofits/measured-series.service.js';
import { RetrofitAssessmentController } from './retrofits/retrofit-assessment.controller.js';
import { RetrofitAssessmentService } from './retrofits/retrofit-assessment.service.js';

/**
 * Officials and enterprises: indicator endpoints; the indicator engine (stored values, schedule);
 * the questions the platform exists for — retrofit verdicts, benchmarks, plan progress.
 */
@Module({
  controllers: [
    EnergyController,
    EnterpriseIndicatorsController,
    RegionIndicatorsController,
    IndicatorRecomputeController,
    RetrofitAssessmentController,
    BenchmarksController,
    PlanProgressController,
  ],
  providers: [
    AuditTrail,
    EnergyService,
    EnterpriseIndicatorsService,
    RegionIndicatorsService,
    IndicatorComputationService,
    IndicatorSchedulerService,
    DeclarationEventsListener,
    MeasuredSeriesService,
    RetrofitAssessmentService,
    BenchmarksService,
    PlanProgressService,
  ],
})
export class QueryApiModule {}
