import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import {
  selectBenchmarks,
  type BenchmarkSelection,
  type Methodology,
  type SizeClass,
} from '#grip/indicators';
import { DeclarationRepository, EnterpriseRepository, type Enterprise } from '#grip/registry';
import { enterprisesInScope } from '../enterprises-in-scope.js';
import { regionInScope } from '../region-in-scope.js';
import {
  EnterpriseIndicatorsService,
  parsePeriodOrFail,
} from '../indicators/enterprise-indicators.service.js';
import { parseIndicatorPeriod, type IndicatorPeriod } from '../indicators/indicator-period.js';
import { candidateOf, type CandidateSet } from './benchmark-candidate.js';

/** Enterprises computed at once: the engines run one query at a time anyway. */
const CONCURRENCY = 4;

export interface BenchmarkRequest {
  readonly period: string;
  readonly industry: string;
  readonly regionCode?: string;
  readonly sizeClass?: SizeClass;
}

/** The period before, of the same kind: the two-period rule's history (§7.5). */
export function previousPeriodLabel(period: IndicatorPeriod): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (period.kind) {
    case 'year':
      return String(period.year - 1);
    case 'quarter': {
      const q = Number(period.label.slice(-1));
      return q === 1 ? `${period.year - 1}-Q4` : `${period.year}-Q${q - 1}`;
    }
    case 'month': {
      const m = Number(period.label.slice(5, 7));
      return m === 1 ? `${period.year - 1}-12` : `${period.year}-${pad(m - 1)}`;
    }
    default:
      return undefined;
  }
}

/**
 * Benchmark enterprises of an industry in a region (indicators.md §7): the enterprises in the
 * caller's scope and the region, in the industry's GB/T 4754 division (the peer group may climb
 * to it), each with its indicator set for the period — stored or computed — and the previous
 * period's selection for the two-period rule.
 */
@Injectable()
export class BenchmarksService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(DeclarationRepository) private readonly declarations: DeclarationRepository,
    @Inject(EnterpriseIndicatorsService) private readonly indicators: EnterpriseIndicatorsService,
  ) {}

  async benchmarks(scope: Principal, request: BenchmarkRequest) {
    const regionCode = regionInScope(scope, request.regionCode, false);
    const period = parsePeriodOrFail(request.period);
    if (period.kind === 'day' || period.kind === 'range') {
      throw ApiError.badRequest('VALIDATION_FAILED', 'benchmarks are selected per month, quarter or year', [
        { field: 'period', message: request.period },
      ]);
    }
    if (period.from.getTime() >= Date.now()) {
      throw ApiError.badRequest('PERIOD_NOT_STARTED', 'the period has not started yet', [
        { field: 'period', message: request.period },
      ]);
    }
    const methodology = await this.indicators.currentMethodology();
    const members = await enterprisesInScope(this.enterprises, scope, {
      ...(regionCode ? { regionCode } : {}),
      industryCode: request.industry.slice(0, 3),
    });
    const previous = await this.previousTopGroup(members, period, request, methodology);
    const selection = await this.select(members, period, request, methodology, previous);
    return {
      period: period.label,
      industry: request.industry,
      regionCode: regionCode ?? null,
      sizeClass: request.sizeClass ?? null,
      previousPeriod: previous ? previous.label : null,
      ...selection,
    };
  }

  /** Which enterprises were in the top group (composite ≥ threshold) in the previous period. */
  private async previousTopGroup(
    members: readonly Enterprise[],
    period: IndicatorPeriod,
    request: BenchmarkRequest,
    methodology: Methodology,
  ): Promise<{ label: string; top: Map<string, boolean> } | undefined> {
    const label = previousPeriodLabel(period);
    const previous = label ? parseIndicatorPeriod(label) : undefined;
    if (!label || !previous) return undefined;
    const selection = await this.select(members, previous, request, methodology, undefined);
    const top = new Map<string, boolean>();
    // Only enterprises ranked then have history; the rest are judged on this period alone.
    for (const r of selection.ranked) top.set(r.enterpriseId, r.selected);
    return { label, top };
  }

  private async select(
    members: readonly Enterprise[],
    period: IndicatorPeriod,
    request: BenchmarkRequest,
    methodology: Methodology,
    previous: { top: Map<string, boolean> } | undefined,
  ): Promise<BenchmarkSelection> {
    const candidates = [];
    for (let i = 0; i < members.length; i += CONCURRENCY) {
      const batch = members.slice(i, i + CONCURRENCY);
      candidates.push(
        ...(await Promise.all(
          batch.map(async (e) => {
            const [set, declared] = await Promise.all([
              this.indicators.setFor(e, period, 'equivalent', methodology),
              this.declarations.latestFor(e.id, period.months),
            ]);
            return candidateOf(e, set as CandidateSet, declared, methodology, previous?.top.get(e.id));
          }),
        )),
      );
    }
    return selectBenchmarks({
      industry: request.industry,
      ...(request.sizeClass ? { sizeClass: request.sizeClass } : {}),
      candidates,
      methodology,
    });
  }

  /** An official's own region by default, and never one outside it; operators may omit it. */
}
