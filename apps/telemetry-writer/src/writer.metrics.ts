import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What an operator watches on the writer (style.md: batch size, write latency, lag, waits). */
@Injectable()
export class WriterMetrics {
  readonly pointsWritten: Counter;
  readonly deadLetters: Counter<'reason'>;
  readonly insertFailures: Counter;
  readonly insertDuration: Histogram;
  readonly batchPoints: Histogram;
  readonly lag: Gauge<'log'>;
  readonly ingestToStored: Histogram;
  readonly backPressureWait: Histogram;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.pointsWritten = new Counter({
      name: 'writer_points_written_total',
      help: 'points inserted',
      registers,
    });
    this.deadLetters = new Counter({
      name: 'writer_dead_letters_total',
      help: 'messages sent to the dead-letter topic',
      labelNames: ['reason'],
      registers,
    });
    this.insertFailures = new Counter({
      name: 'writer_insert_failures_total',
      help: 'inserts that failed and will be retried (the batch stays uncommitted)',
      registers,
    });
    this.insertDuration = new Histogram({
      name: 'writer_insert_duration_ms',
      help: 'ClickHouse insert time per batch',
      buckets: [10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.batchPoints = new Histogram({
      name: 'writer_batch_points',
      help: 'points per insert',
      buckets: [10, 100, 1000, 10_000, 50_000, 100_000, 500_000],
      registers,
    });
    this.lag = new Gauge({
      name: 'writer_consumer_lag_messages',
      help: 'messages of a log not yet handed to the writer',
      labelNames: ['log'],
      registers,
    });
    this.ingestToStored = new Histogram({
      name: 'writer_ingest_to_stored_ms',
      help: 'from the gateway accepting a batch to its insert returning (oldest message of each insert)',
      buckets: [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000],
      registers,
    });
    this.backPressureWait = new Histogram({
      name: 'writer_backpressure_wait_ms',
      help:
        'how long a consumed batch waited for the insert ahead of it (while WRITER_MAX_IN_FLIGHT batches ' +
        'wait, the consumer fetches nothing more: the store holds the log back)',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
  }
}
