import { Inject, Injectable } from '@nestjs/common';
import { isRegionCode, isWithinRegion, Principal, regionName } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { factor } from '#grip/indicators';
import { EnterpriseRepository, MAX_PAGE_SIZE, type Enterprise } from '#grip/registry';
import { EnterpriseIndicatorsService } from './enterprise-indicators.service.js';
import { parseIndicatorPeriod } from './indicator-period.js';
import { aggregateRegion, EnterpriseContribution } from './region-aggregate.js';

const EQUIPMENT_RATES = [
  'digitisation_rate',
  'networking_rate',
  'key_process_nc_rate',
  'equipment_intelligence_rate',
  'equipment_on_cloud_rate',
] as const;
/** Enterprises computed at once: the engines run one query at a time anyway. */
const CONCURRENCY = 4;

type EnterpriseSet = Awaited<ReturnType<EnterpriseIndicatorsService['indicatorsOf']>>;

/** Officials' region figures: every enterprise in scope computed, then summed and divided. */
@Injectable()
export class RegionIndicatorsService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(EnterpriseIndicatorsService) private readonly enterpriseIndicators: EnterpriseIndicatorsService,
  ) {}

  async regionIndicators(scope: Principal, regionCode: string, label: string, industry: string | undefined) {
    if (!isRegionCode(regionCode)) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'not a GB/T 2260 region code GRIP knows', [
        { field: 'regionCode', message: regionCode },
      ]);
    }
    // An official's region and everything inside it; anything else is not there for them.
    if (scope.role === 'official' && !isWithinRegion(regionCode, scope.regionCode))
      throw ApiError.notFound('region');
    if (!parseIndicatorPeriod(label)) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'period must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD', [
        { field: 'period', message: label },
      ]);
    }
    const methodology = await this.enterpriseIndicators.currentMethodology();
    const members = await this.members(scope, regionCode, industry);
    const contributions: EnterpriseContribution[] = [];
    for (let i = 0; i < members.length; i += CONCURRENCY) {
      const sets = await Promise.all(
        members
          .slice(i, i + CONCURRENCY)
          .map((e) => this.enterpriseIndicators.indicatorsOf(scope, e.id, label, 'equivalent', methodology)),
      );
      sets.forEach((set, j) => contributions.push(contributionOf(members[i + j]!, set)));
    }
    const threshold = factor(methodology, 'quality.coverage.threshold').value;
    return {
      regionCode,
      regionName: regionName(regionCode),
      industry: industry ?? null,
      period: label,
      methodologyVersion: methodology.version,
      coverageThreshold: threshold,
      ...aggregateRegion(contributions, threshold),
    };
  }

  private async members(
    scope: Principal,
    regionCode: string,
    industryCode: string | undefined,
  ): Promise<Enterprise[]> {
    const all: Enterprise[] = [];
    for (let page = 1; ; page++) {
      const result = await this.enterprises.list(scope, {
        regionCode,
        industryCode,
        page,
        pageSize: MAX_PAGE_SIZE,
      });
      all.push(...result.items);
      if (all.length >= result.total || result.items.length === 0) return all;
    }
  }
}

function contributionOf(enterprise: Enterprise, set: EnterpriseSet): EnterpriseContribution {
  const carbon = set.indicators['carbon.emissions'];
  return {
    enterpriseId: enterprise.id,
    name: enterprise.name,
    energyCoverage: set.coverage.energy ?? undefined,
    energyTce: set.indicators['energy.comprehensive'].totalTce,
    carbonTco2: carbon.status === 'missing' ? undefined : carbon.value,
    outputValue: set.declared.outputValue,
    valueAdded: set.declared.valueAdded,
    equipmentCounts: Object.fromEntries(
      EQUIPMENT_RATES.map((name) => {
        const { matchingCount, classifiedCount } = set.indicators[`intelligence.${name}`].inputs;
        return [name, { matching: matchingCount, population: classifiedCount }];
      }),
    ),
  };
}
