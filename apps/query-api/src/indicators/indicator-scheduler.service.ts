import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IndicatorComputationService } from './indicator-computation.service.js';
import { INDICATOR_OPTIONS, type IndicatorOptions } from './indicator-options.js';
import { nextDaily, nextMonthly, periodsEndedBy, yesterdayLabel } from './indicator-schedule.js';

/** setTimeout's ceiling (~24.8 days): a later run is re-armed when the ceiling passes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Scheduled computations (INDICATOR_SCHEDULE): nightly for yesterday, on the 1st for the last
 * month (and the quarter and year that ended with it), at Asia/Shanghai wall-clock times; and the periodic late-telemetry check. Timers are
 * unref'd so they never keep the process alive; a failed run is logged and the next one is armed.
 */
@Injectable()
export class IndicatorSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IndicatorSchedulerService.name);
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(IndicatorComputationService) private readonly computation: IndicatorComputationService,
    @Inject(INDICATOR_OPTIONS) private readonly options: IndicatorOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.schedule) {
      this.arm(
        'nightly',
        () => nextDaily(new Date(), this.options.nightlyAt),
        (at) => this.computation.computeAll(yesterdayLabel(at)),
      );
      this.arm(
        'monthly',
        () => nextMonthly(new Date(), this.options.monthlyAt),
        async (at) => {
          // One after the other: runs are serialised anyway, and a quarter reads its months.
          for (const label of periodsEndedBy(at)) await this.computation.computeAll(label);
        },
      );
      this.logger.log(
        `indicator runs scheduled: nightly at ${this.options.nightlyAt}, monthly (and quarterly, yearly) ` +
          `on the 1st at ${this.options.monthlyAt} (Asia/Shanghai)`,
      );
    }
    if (this.options.lateCheckMinutes > 0) {
      const every = setInterval(() => {
        this.computation.checkLateTelemetry().catch((error: unknown) => {
          this.logger.error(`late-telemetry check failed: ${String(error)}`);
        });
      }, this.options.lateCheckMinutes * 60_000);
      every.unref();
      this.timers.add(every);
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Arms one timer for `target`; re-arms across setTimeout's ceiling, then for next() after the run. */
  private arm(name: string, next: () => Date, run: (at: Date) => Promise<unknown>, target = next()): void {
    const wait = target.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (Date.now() < target.getTime()) return this.arm(name, next, run, target);
        run(target)
          .catch((error: unknown) => this.logger.error(`${name} indicator run failed: ${String(error)}`))
          .finally(() => this.arm(name, next, run));
      },
      Math.max(0, Math.min(wait, MAX_TIMER_MS)),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
