import { Inject, Injectable } from '@nestjs/common';
import { Principal, regionName } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { factor } from '#grip/indicators';
import { EnterpriseRepository } from '#grip/registry';
import { enterprisesInScope } from '../enterprises-in-scope.js';
import { regionInScope } from '../region-in-scope.js';
import { IndicatorValuesStore } from '#grip/telemetry-store';
import { EnterpriseIndicatorsService, parsePeriodOrFail } from './enterprise-indicators.service.js';
import { INDICATOR_OPTIONS, type IndicatorOptions } from './indicator-options.js';
import { aggregateRegion } from './region-aggregate.js';
import { contributionOf, tableRowOf, type RegionTableRow } from './region-table.js';

/** Enterprises computed at once: the engines run one query at a time anyway. */
const CONCURRENCY = 4;
const NOT_COMPUTED = 'not computed yet for the period';

/**
 * Officials' region figures from the stored sets of the enterprises in scope (summed, then
 * divided). Enterprises without a stored set are computed on demand, up to
 * `regionOnDemandMax`; the rest are left out and listed as not computed yet
 * (docs/indicators.md §8).
 */
@Injectable()
export class RegionIndicatorsService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(EnterpriseIndicatorsService) private readonly enterpriseIndicators: EnterpriseIndicatorsService,
    @Inject(IndicatorValuesStore) private readonly stored: IndicatorValuesStore,
    @Inject(INDICATOR_OPTIONS) private readonly options: IndicatorOptions,
  ) {}

  async regionIndicators(scope: Principal, regionCode: string, label: string, industry: string | undefined) {
    const region = await this.gather(scope, regionCode, label, industry);
    const { members, stored, computedOnDemand, notComputed, methodology, threshold } = region;
    const contributions = members.flatMap((e) => {
      const set = stored.get(e.id);
      return set ? [contributionOf(e, set)] : [];
    });
    const aggregate = aggregateRegion(contributions, threshold);
    const sets = [...stored.values()];
    const times = sets.map((s) => s.computedAt.getTime());
    return {
      regionCode,
      regionName: regionName(regionCode),
      industry: industry ?? null,
      period: label,
      methodologyVersion: methodology.version,
      coverageThreshold: threshold,
      ...aggregate,
      enterprises: {
        ...aggregate.enterprises,
        inScope: members.length,
        excluded: [
          ...aggregate.enterprises.excluded,
          ...notComputed.map((e) => ({ enterpriseId: e.id, name: e.name, reason: NOT_COMPUTED })),
        ],
      },
      source: {
        stored: contributions.length - computedOnDemand,
        computedOnDemand,
        notComputed: notComputed.length,
        oldestComputedAt: times.length ? new Date(Math.min(...times)).toISOString() : null,
        methodologyVersions: [...new Set(sets.map((s) => s.methodologyVersion))].sort(),
      },
    };
  }

  /**
   * The region's table, one row per enterprise in scope: each row holds what that enterprise
   * contributes to the region figures (the aggregate of that enterprise alone), or why nothing.
   */
  async regionTable(
    scope: Principal,
    regionCode: string,
    label: string,
    industry: string | undefined,
  ): Promise<RegionTableRow[]> {
    const { members, stored, threshold } = await this.gather(scope, regionCode, label, industry);
    return members.map((e) => {
      const set = stored.get(e.id);
      return set
        ? tableRowOf(e, set, threshold)
        : { enterprise: e, set: undefined, status: 'not_computed', reason: NOT_COMPUTED };
    });
  }

  /** The enterprises in scope and their stored sets, computing absent ones on demand (up to the cap). */
  private async gather(scope: Principal, regionCode: string, label: string, industry: string | undefined) {
    regionInScope(scope, regionCode, true);
    const period = parsePeriodOrFail(label);
    if (period.from.getTime() >= Date.now()) {
      throw ApiError.badRequest('PERIOD_NOT_STARTED', 'the period has not started yet', [
        { field: 'period', message: label },
      ]);
    }
    const methodology = await this.enterpriseIndicators.currentMethodology();
    // Scope is applied here, by the registry; the store reads only these ids.
    const members = await enterprisesInScope(this.enterprises, scope, { regionCode, industryCode: industry });
    const key = { periodKind: period.kind, periodKey: period.label, basis: 'equivalent' };
    const stored = new Map(
      (
        await this.stored.readSets(
          members.map((e) => e.id),
          key,
        )
      ).map((s) => [s.enterpriseId, s]),
    );
    const onDemand = members.filter((e) => !stored.has(e.id)).slice(0, this.options.regionOnDemandMax);
    for (let i = 0; i < onDemand.length; i += CONCURRENCY) {
      await Promise.all(
        onDemand
          .slice(i, i + CONCURRENCY)
          .map((e) => this.enterpriseIndicators.setFor(e, period, 'equivalent', methodology)),
      );
    }
    if (onDemand.length > 0) {
      for (const s of await this.stored.readSets(
        onDemand.map((e) => e.id),
        key,
      ))
        stored.set(s.enterpriseId, s);
    }
    return {
      members,
      stored,
      computedOnDemand: onDemand.filter((e) => stored.has(e.id)).length,
      notComputed: members.filter((e) => !stored.has(e.id)),
      methodology,
      threshold: factor(methodology, 'quality.coverage.threshold').value,
    };
  }
}
