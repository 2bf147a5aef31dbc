import { Module } from '@nestjs/common';
import { DeviceDirectory } from './device-directory.js';
import { IngestRateLimiter } from './ingest-rate-limiter.js';
import { IngestMetrics } from './ingest.metrics.js';
import { IngestService } from './ingest.service.js';
import { MqttListener } from './mqtt/mqtt-listener.js';
import { MqttTelemetryHandler } from './mqtt/mqtt-telemetry.handler.js';
import { MqttMetrics } from './mqtt/mqtt.metrics.js';
import { RegistryEventsListener } from './registry-events.listener.js';
import { TelemetryController } from './telemetry.controller.js';

/** Edge-agent endpoints, HTTP and MQTT: authenticate, validate, hand to the bus. */
@Module({
  controllers: [TelemetryController],
  providers: [
    DeviceDirectory,
    IngestService,
    IngestMetrics,
    IngestRateLimiter,
    RegistryEventsListener,
    MqttMetrics,
    MqttTelemetryHandler,
    MqttListener,
  ],
})
export class IngestGatewayModule {}
