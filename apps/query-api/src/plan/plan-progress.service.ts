import { Inject, Injectable } from '@nestjs/common';
import { regionScopePrefix, type Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { factor, greenScore, type AnyIndicatorResult, type Methodology } from '#grip/indicators';
import {
  DeclarationRepository,
  EnterpriseRepository,
  PlanRepository,
  RetrofitRepository,
  type Enterprise,
} from '#grip/registry';
import { TelemetryQueries } from '#grip/telemetry-store';
import { enterprisesInScope } from '../enterprises-in-scope.js';
import { regionInScope } from '../region-in-scope.js';
import { EnterpriseIndicatorsService } from '../indicators/enterprise-indicators.service.js';
import { parseIndicatorPeriod, type IndicatorPeriod } from '../indicators/indicator-period.js';
import { planLines } from './plan-lines.js';

const CONCURRENCY = 4;

/** What each actual counts, served with every answer so a reader never has to guess. */
export const PLAN_DEFINITIONS = {
  retrofits_started:
    'enterprises with at least one registered retrofit project whose start date falls in the year',
  enterprises_on_cloud:
    'enterprises that declared cloud services (ERP, MES, PLM, SCM …) in a month of the year, or sent readings to GRIP in it',
  green_factories:
    'measured green-factory candidates: the year’s GB/T 36132-2025 score at or above green.candidate.threshold (not a certification)',
} as const;

/**
 * Plan progress (indicators.md §8): targets set by operators against actuals counted from the
 * registry and the measurements — enterprises with a retrofit project started in the year,
 * enterprises on the cloud (declared cloud services, or streaming readings to GRIP in the
 * year), and measured green-factory candidates (the year's GB/T 36132 score at or above the
 * candidate threshold). Nothing is typed in.
 */
@Injectable()
export class PlanProgressService {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(RetrofitRepository) private readonly retrofits: RetrofitRepository,
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(DeclarationRepository) private readonly declarations: DeclarationRepository,
    @Inject(EnterpriseIndicatorsService) private readonly indicators: EnterpriseIndicatorsService,
    @Inject(TelemetryQueries) private readonly telemetry: TelemetryQueries,
  ) {}

  async progress(scope: Principal, year: number, requestedRegion: string | undefined) {
    const regionCode = regionInScope(scope, requestedRegion, true);
    const period = parseIndicatorPeriod(String(year));
    if (!period) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'year must be between 2000 and 2100', [
        { field: 'year', message: String(year) },
      ]);
    }
    const province = `${regionCode.slice(0, 2)}0000`;
    const [targets, shares, members, starts, methodology] = await Promise.all([
      this.plans.listTargets(year, regionScopePrefix(province)),
      this.plans.listShares(province),
      enterprisesInScope(this.enterprises, scope, { regionCode }),
      this.retrofits.startsByRegion(year, regionCode),
      this.indicators.currentMethodology(),
    ]);
    const measured = await this.measured(members, period, methodology);
    const byRegion = (list: readonly Enterprise[]) => {
      const counts = new Map<string, number>();
      for (const e of list) counts.set(e.regionCode, (counts.get(e.regionCode) ?? 0) + 1);
      return counts;
    };
    return {
      year,
      regionCode,
      methodologyVersion: methodology.version,
      lines: planLines({
        year,
        regionCode,
        targets,
        shares: Object.fromEntries(shares.map((s) => [s.cityCode, s.share])),
        actuals: {
          retrofits_started: new Map(starts.map((r) => [r.regionCode, r.enterprises])),
          enterprises_on_cloud: byRegion(measured.onCloud),
          green_factories: byRegion(measured.green),
        },
      }),
      definitions: PLAN_DEFINITIONS,
    };
  }

  /** Enterprises on the cloud and measured green-factory candidates among the members, for the year. */
  private async measured(
    members: readonly Enterprise[],
    period: IndicatorPeriod,
    methodology: Methodology,
  ): Promise<{ onCloud: Enterprise[]; green: Enterprise[] }> {
    const reporting = new Set(
      await this.telemetry.enterprisesReporting(
        members.map((e) => e.id),
        period.from,
        period.to,
      ),
    );
    const onCloud: Enterprise[] = [];
    const green: Enterprise[] = [];
    const threshold = factor(methodology, 'green.candidate.threshold').value;
    for (let i = 0; i < members.length; i += CONCURRENCY) {
      await Promise.all(
        members.slice(i, i + CONCURRENCY).map(async (e) => {
          const declared = await this.declarations.latestFor(e.id, period.months);
          const declaresCloud = declared.some((d) => {
            const services = (d.data as { cloudServices?: unknown }).cloudServices;
            return Array.isArray(services) && services.length > 0;
          });
          if (declaresCloud || reporting.has(e.id)) onCloud.push(e);
          if (!reporting.has(e.id) && declared.length === 0) return; // nothing measured, nothing to score
          const set = await this.indicators.setFor(e, period, 'equivalent', methodology);
          const score = greenScore(
            { values: set.indicators as Record<string, AnyIndicatorResult>, industry: e.industryCode },
            methodology,
          );
          // A partial score is a lower bound (absent indicators earn nothing): at the threshold it counts.
          if (score.status !== 'missing' && score.value >= threshold) green.push(e);
        }),
      );
    }
    return { onCloud, green };
  }
}
