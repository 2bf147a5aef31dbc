import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '#grip/http';
import { AdminApiModule } from '../../admin-api/src/index.js';
import { IngestGatewayModule } from '../../ingest-gateway/src/index.js';
import { QueryApiModule } from '../../query-api/src/index.js';
import { TelemetryWriterModule } from '../../telemetry-writer/src/index.js';
import { InfrastructureModule, PlatformResources } from './infrastructure.module.js';

/** Every service in one process: the single-machine mode. */
@Module({})
export class PlatformModule {
  static forRoot(resources: PlatformResources): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        InfrastructureModule.forRoot(resources),
        AdminApiModule,
        IngestGatewayModule,
        TelemetryWriterModule,
        QueryApiModule,
      ],
      controllers: [HealthController],
    };
  }
}
