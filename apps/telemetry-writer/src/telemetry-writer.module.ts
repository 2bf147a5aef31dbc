import { Module } from '@nestjs/common';
import { TelemetryWriterService } from './telemetry-writer.service.js';

/** Consumes telemetry.raw and writes it to ClickHouse. */
@Module({ providers: [TelemetryWriterService] })
export class TelemetryWriterModule {}
