import { Module } from '@nestjs/common';
import { DeadLetterArchiveService } from './dead-letter-archive.service.js';
import { TelemetryWriterService } from './telemetry-writer.service.js';
import { WriterMetrics } from './writer.metrics.js';

/** Consumes telemetry.raw and writes it to ClickHouse; archives its dead letters. */
@Module({ providers: [TelemetryWriterService, DeadLetterArchiveService, WriterMetrics] })
export class TelemetryWriterModule {}
