import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { EnterpriseRepository, MAX_PAGE_SIZE, type Enterprise } from '#grip/registry';
import { IndicatorValuesStore } from '#grip/telemetry-store';
import { EnterpriseIndicatorsService, parsePeriodOrFail } from './enterprise-indicators.service.js';
import { INDICATOR_OPTIONS, type IndicatorOptions } from './indicator-options.js';
import { parseIndicatorPeriod } from './indicator-period.js';
import { periodsFedByMonth } from './indicator-schedule.js';

/** The engine reads every enterprise: it acts as the operator, never on a caller's behalf. */
const ENGINE: Principal = { role: 'operator', userId: '00000000-0000-0000-0000-000000000000' };
const CONCURRENCY = 4;
const DAY_MS = 86_400_000;

export interface RecomputeJob {
  readonly id: string;
  readonly period: string;
  status: 'running' | 'done' | 'failed';
  enterprises: number;
  done: number;
  summary?: RecomputeSummary;
  error?: string;
}

export interface RecomputeSummary {
  readonly period: string;
  readonly enterprises: number;
  readonly computed: number;
  readonly failed: { enterpriseId: string; error: string }[];
  readonly startedAt: string;
  readonly durationMs: number;
}

/**
 * Computes and stores indicator sets (docs/indicators.md §8): one enterprise, every enterprise
 * for a period (scheduled runs, the operator's recompute), and the recomputes triggered by a
 * corrected declaration or late telemetry. Runs are serialised so two never compete for the
 * engines; the API's on-demand path is separate and stays responsive.
 */
@Injectable()
export class IndicatorComputationService {
  private readonly logger = new Logger(IndicatorComputationService.name);
  private queue: Promise<unknown> = Promise.resolve();
  private lateCheckedAt = new Date();
  /** Recent operator jobs, newest last; a few are kept for their progress to be read. */
  private readonly jobs = new Map<string, RecomputeJob>();

  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(EnterpriseIndicatorsService) private readonly indicators: EnterpriseIndicatorsService,
    @Inject(IndicatorValuesStore) private readonly stored: IndicatorValuesStore,
    @Inject(INDICATOR_OPTIONS) private readonly options: IndicatorOptions,
  ) {}

  /** Computes and stores one enterprise's set (equivalent basis), ignoring any stored one. */
  async computeEnterprise(
    enterpriseId: string,
    label: string,
    basis: 'equivalent' | 'equal-value' = 'equivalent',
  ) {
    const period = parsePeriodOrFail(label);
    const enterprise = await this.enterprises.findById(ENGINE, enterpriseId);
    if (!enterprise) throw ApiError.notFound('enterprise');
    return this.indicators.setFor(enterprise, period, basis, undefined, { force: true });
  }

  /** Every enterprise's set for a period, stored; progress is logged every 10%. */
  computeAll(label: string, job?: RecomputeJob): Promise<RecomputeSummary> {
    parsePeriodOrFail(label);
    return this.serialised(() => this.runAll(label, job));
  }

  /** Starts {@link computeAll} as a job whose progress {@link job} reports. */
  startAll(label: string): RecomputeJob {
    parsePeriodOrFail(label);
    const job: RecomputeJob = { id: randomUUID(), period: label, status: 'running', enterprises: 0, done: 0 };
    this.jobs.set(job.id, job);
    if (this.jobs.size > 20) this.jobs.delete(this.jobs.keys().next().value!);
    this.computeAll(label, job).then(
      (summary) => Object.assign(job, { status: 'done', summary }),
      (error: unknown) => Object.assign(job, { status: 'failed', error: String(error) }),
    );
    return job;
  }

  job(id: string): RecomputeJob | undefined {
    return this.jobs.get(id);
  }

  /**
   * A declared or corrected month: recompute the stored sets it feeds (month, quarter, year),
   * and store the month's set when the month has started.
   */
  async recomputeForDeclaration(enterpriseId: string, month: string): Promise<number> {
    // Not queued behind a long run: it is a few sets, and the declaring request may wait for it.
    const keys = await this.stored.storedKeys(enterpriseId, periodsFedByMonth(month));
    const wanted = new Map(keys.map((k) => [`${k.periodKey}/${k.basis}`, k]));
    const monthPeriod = parseIndicatorPeriod(month);
    if (monthPeriod && monthPeriod.from.getTime() < Date.now()) {
      wanted.set(`${month}/equivalent`, {
        enterpriseId,
        periodKind: 'month',
        periodKey: month,
        basis: 'equivalent',
      });
    }
    for (const k of wanted.values()) {
      await this.computeEnterprise(enterpriseId, k.periodKey, k.basis as 'equivalent' | 'equal-value');
    }
    return wanted.size;
  }

  /**
   * Late telemetry: the writer cannot call us, so stored sets are compared with the readings
   * ingested since the last check (over a bounded look-back of reading time) and recomputed
   * when such a reading falls in their period after they were computed.
   */
  checkLateTelemetry(): Promise<number> {
    return this.serialised(async () => {
      const now = new Date();
      const since = this.lateCheckedAt;
      const stale = await this.stored.staleByLateTelemetry(
        new Date(now.getTime() - this.options.lateLookbackDays * DAY_MS),
        since,
      );
      for (const s of stale) {
        try {
          await this.computeEnterprise(s.enterpriseId, s.periodKey, s.basis as 'equivalent' | 'equal-value');
        } catch (error) {
          this.logger.warn(
            `late-telemetry recompute of ${s.enterpriseId} ${s.periodKey} failed: ${String(error)}`,
          );
        }
      }
      // Readings ingested from now on are the next check's.
      this.lateCheckedAt = now;
      if (stale.length > 0) this.logger.log(`late telemetry: recomputed ${stale.length} stored sets`);
      return stale.length;
    });
  }

  private async runAll(label: string, job?: RecomputeJob): Promise<RecomputeSummary> {
    const period = parsePeriodOrFail(label);
    const started = Date.now();
    const all = await this.allEnterprises();
    const methodology = await this.indicators.currentMethodology();
    const failed: { enterpriseId: string; error: string }[] = [];
    let done = 0;
    let nextLog = 0.1;
    if (job) job.enterprises = all.length;
    this.logger.log(`computing ${label} for ${all.length} enterprises`);
    for (let i = 0; i < all.length; i += CONCURRENCY) {
      await Promise.all(
        all.slice(i, i + CONCURRENCY).map(async (e) => {
          try {
            await this.indicators.setFor(e, period, 'equivalent', methodology, { force: true });
          } catch (error) {
            failed.push({ enterpriseId: e.id, error: String(error) });
          }
          done++;
          if (job) job.done = done;
        }),
      );
      if (done / all.length >= nextLog) {
        this.logger.log(
          `computing ${label}: ${done}/${all.length} (${Math.round((done / all.length) * 100)}%)`,
        );
        nextLog = Math.floor((done / all.length) * 10) / 10 + 0.1;
      }
    }
    const summary: RecomputeSummary = {
      period: label,
      enterprises: all.length,
      computed: all.length - failed.length,
      failed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    };
    this.logger.log(
      `computed ${label}: ${summary.computed}/${summary.enterprises} in ${summary.durationMs} ms` +
        (failed.length ? `, ${failed.length} failed` : ''),
    );
    return summary;
  }

  private async allEnterprises(): Promise<Enterprise[]> {
    const all: Enterprise[] = [];
    for (let page = 1; ; page++) {
      const result = await this.enterprises.list(ENGINE, { page, pageSize: MAX_PAGE_SIZE });
      all.push(...result.items);
      if (all.length >= result.total || result.items.length === 0) return all;
    }
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
