import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

@Injectable()
export class IngestMetrics {
  private readonly accepted: Counter;
  private readonly rejected: Counter;
  private readonly refused: Counter<'code'>;
  private readonly handoff: Histogram;

  constructor(@Inject(Registry) registry: Registry) {
    this.accepted = new Counter({
      name: 'ingest_points_accepted_total',
      help: 'points handed to the bus',
      registers: [registry],
    });
    this.rejected = new Counter({
      name: 'ingest_points_rejected_total',
      help: 'points rejected as invalid',
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'ingest_batches_refused_total',
      help: 'batches refused whole',
      labelNames: ['code'],
      registers: [registry],
    });
    this.handoff = new Histogram({
      name: 'ingest_handoff_duration_ms',
      help: 'time from validation to the bus acknowledging a batch',
      buckets: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    });
  }

  pointsAccepted(n: number, handoffMs: number): void {
    this.accepted.inc(n);
    this.handoff.observe(handoffMs);
  }
  pointsRejected(n: number): void {
    if (n > 0) this.rejected.inc(n);
  }
  batchRefused(code: string): void {
    this.refused.inc({ code });
  }
}
