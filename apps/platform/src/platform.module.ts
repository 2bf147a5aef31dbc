import { DynamicModule, Module, type Type } from '@nestjs/common';
import type { Role } from '#grip/config';
import { HealthController } from '#grip/http';
import { AdminApiModule } from '../../admin-api/src/index.js';
import { IngestGatewayModule } from '../../ingest-gateway/src/index.js';
import { QueryApiModule } from '../../query-api/src/index.js';
import { TelemetryWriterModule } from '../../telemetry-writer/src/index.js';
import { InfrastructureModule, PlatformResources } from './infrastructure.module.js';

/** The feature module each role runs. */
const ROLE_MODULES: Record<Role, Type> = {
  'admin-api': AdminApiModule,
  'ingest-gateway': IngestGatewayModule,
  'telemetry-writer': TelemetryWriterModule,
  'query-api': QueryApiModule,
};

/**
 * The services this process runs, chosen by ROLES: all of them in the single-machine mode, one
 * (or a few) per process in a cluster. Health and metrics are served by every process.
 */
@Module({})
export class PlatformModule {
  static forRoot(resources: PlatformResources): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        InfrastructureModule.forRoot(resources),
        ...resources.config.ROLES.map((role) => ROLE_MODULES[role]),
      ],
      controllers: [HealthController],
    };
  }
}
