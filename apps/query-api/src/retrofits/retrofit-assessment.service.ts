import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import {
  assessRetrofit,
  type IndicatorSnapshot,
  type Methodology,
  type RetrofitAssessment,
} from '#grip/indicators';
import {
  DeclarationRepository,
  DeviceRepository,
  EnterpriseRepository,
  MAX_PAGE_SIZE,
  RetrofitRepository,
  type Enterprise,
  type RetrofitProject,
} from '#grip/registry';
import { IndicatorValuesStore, RetrofitAssessmentStore } from '#grip/telemetry-store';
import { enterprisesInScope } from '../enterprises-in-scope.js';
import { regionInScope } from '../region-in-scope.js';
import { EnterpriseIndicatorsService } from '../indicators/enterprise-indicators.service.js';
import { monthRangePeriod, type IndicatorPeriod } from '../indicators/indicator-period.js';
import type { DeclaredFigures } from '../indicators/declared-figures.js';
import { registerHash } from '../indicators/stored-indicator-set.js';
import {
  MeasuredSeriesService,
  measurementScope,
  type ObservationGranularity,
} from './measured-series.service.js';

const BASIS = 'equivalent' as const;

/** A project that cannot be assessed yet, and why: answered as such, never as numbers. */
export interface NotAssessable {
  readonly projectId: string;
  readonly verdict: 'inconclusive';
  readonly reasons: readonly { readonly code: string; readonly message: string }[];
}

type IndicatorSet = Awaited<ReturnType<EnterpriseIndicatorsService['setFor']>>;

type ProjectSummary = ReturnType<typeof summaryOf>;

/** What the assessment endpoint answers: the assessment with its project, or why there is none yet. */
export type AssessmentAnswer = (
  | ({ project: ProjectSummary; granularity: ObservationGranularity } & RetrofitAssessment)
  | ({ project: ProjectSummary } & NotAssessable)
) & { source?: 'stored' | 'computed'; computedAt?: string };

/**
 * Retrofit assessments (indicators.md §6): gathers a project's baseline and reporting
 * observations and indicator sets, runs the pure assessment, and stores the result with the
 * methodology version and a fingerprint of its inputs. A stored assessment is served while
 * both still match; late telemetry, a corrected declaration, a changed register or project,
 * or a new methodology recompute it on the next read.
 */
@Injectable()
export class RetrofitAssessmentService {
  constructor(
    @Inject(RetrofitRepository) private readonly retrofits: RetrofitRepository,
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(DeviceRepository) private readonly devices: DeviceRepository,
    @Inject(DeclarationRepository) private readonly declarations: DeclarationRepository,
    @Inject(EnterpriseIndicatorsService) private readonly indicators: EnterpriseIndicatorsService,
    @Inject(MeasuredSeriesService) private readonly series: MeasuredSeriesService,
    @Inject(IndicatorValuesStore) private readonly indicatorStore: IndicatorValuesStore,
    @Inject(RetrofitAssessmentStore) private readonly stored: RetrofitAssessmentStore,
  ) {}

  private readonly logger = new Logger(RetrofitAssessmentService.name);

  /** The assessment of a project the caller may see (404 otherwise). */
  async assessmentOf(
    scope: Principal,
    projectId: string,
    options: { readonly granularity?: ObservationGranularity; readonly force?: boolean } = {},
  ) {
    // NotFoundError for an unknown project or one outside the caller's scope (answered 404).
    const project = await this.retrofits.get(scope, projectId);
    const enterprise = await this.enterprises.findById(scope, project.enterpriseId);
    if (!enterprise) throw ApiError.notFound('retrofit');
    return this.assess(project, enterprise, options);
  }

  /**
   * Every project the caller may see in a region, each with its assessment (stored, or computed
   * now): the table an official passes on. Projects are read page by page from the registry,
   * which applies the scope.
   */
  async regionAssessments(scope: Principal, regionCode: string) {
    regionInScope(scope, regionCode, true);
    const enterprises = new Map(
      (await enterprisesInScope(this.enterprises, scope, { regionCode })).map((e) => [e.id, e]),
    );
    const projects: RetrofitProject[] = [];
    for (let page = 1; ; page++) {
      const result = await this.retrofits.list(scope, { regionCode, page, pageSize: MAX_PAGE_SIZE });
      projects.push(...result.items);
      if (projects.length >= result.total || result.items.length === 0) break;
    }
    const rows = [];
    for (const project of projects) {
      const enterprise = enterprises.get(project.enterpriseId);
      if (!enterprise) continue; // out of the caller's scope: never listed
      rows.push({ enterprise, assessment: await this.assess(project, enterprise) });
    }
    return rows;
  }

  /** Unscoped: the caller has authorised the project (region lists, benchmarks of a region). */
  async assess(
    project: RetrofitProject,
    enterprise: Enterprise,
    options: { readonly granularity?: ObservationGranularity; readonly force?: boolean } = {},
    now = new Date(),
  ): Promise<AssessmentAnswer> {
    const granularity = options.granularity ?? 'day';
    const periods = periodsOf(project, now);
    if ('reasons' in periods) return { project: summaryOf(project), ...periods };
    const { baseline, reporting } = periods;
    const methodology = await this.indicators.currentMethodology();
    const devices = await this.devices.findForIngest(enterprise.id);
    const fingerprint = await this.fingerprint(project, devices, baseline, reporting, granularity);

    if (!options.force) {
      const [stored] = await this.stored.read([project.id]);
      if (stored && stored.methodologyVersion === methodology.version && stored.fingerprint === fingerprint) {
        return {
          ...(JSON.parse(stored.result) as AssessmentAnswer),
          source: 'stored',
          computedAt: stored.computedAt.toISOString(),
        };
      }
    }
    const computed = await this.compute(
      project,
      enterprise,
      devices,
      baseline,
      reporting,
      granularity,
      methodology,
      now,
    );
    const computedAt = new Date();
    const answer: AssessmentAnswer = { project: summaryOf(project), granularity, ...computed };
    try {
      await this.stored.save({
        projectId: project.id,
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        methodologyVersion: methodology.version,
        fingerprint,
        verdict: computed.verdict,
        result: JSON.stringify(answer),
        computedAt,
      });
      // A completed project whose reporting period is over has now been assessed.
      if (project.status === 'completed' && reporting.to.getTime() <= now.getTime()) {
        await this.retrofits.markAssessed(project.id);
      }
    } catch (error) {
      this.logger.warn(`could not store the assessment of retrofit ${project.id}: ${String(error)}`);
    }
    return { ...answer, source: 'computed', computedAt: computedAt.toISOString() };
  }

  private async compute(
    project: RetrofitProject,
    enterprise: Enterprise,
    devices: Awaited<ReturnType<DeviceRepository['findForIngest']>>,
    baseline: IndicatorPeriod,
    reporting: IndicatorPeriod,
    granularity: ObservationGranularity,
    methodology: Methodology,
    now: Date,
  ): Promise<RetrofitAssessment> {
    const scope = measurementScope(devices, project.meters);
    const [baseSet, reportSet, baseObs, reportObs] = await Promise.all([
      this.indicators.setFor(enterprise, baseline, BASIS, methodology),
      this.indicators.setFor(enterprise, reporting, BASIS, methodology),
      this.series.observations(enterprise.id, scope, baseline, granularity, BASIS, methodology, now),
      this.series.observations(enterprise.id, scope, reporting, granularity, BASIS, methodology, now),
    ]);
    return assessRetrofit({
      projectId: project.id,
      granularity,
      baseline: baseObs,
      reporting: reportObs,
      baselineTotals: totalsOf(baseSet, baseObs),
      reportingTotals: totalsOf(reportSet, reportObs),
      baselineIndicators: snapshotsOf(baseSet),
      reportingIndicators: snapshotsOf(reportSet),
      targets: project.targets,
      methodology,
    });
  }

  /** Everything the assessment reads, as one digest: any change of it recomputes. */
  private async fingerprint(
    project: RetrofitProject,
    devices: Awaited<ReturnType<DeviceRepository['findForIngest']>>,
    baseline: IndicatorPeriod,
    reporting: IndicatorPeriod,
    granularity: ObservationGranularity,
  ): Promise<string> {
    const [declared, baseIngested, reportIngested] = await Promise.all([
      this.declarations.latestFor(project.enterpriseId, [...baseline.months, ...reporting.months]),
      this.indicatorStore.telemetryIngestedAt(project.enterpriseId, baseline.from, baseline.to),
      this.indicatorStore.telemetryIngestedAt(project.enterpriseId, reporting.from, reporting.to),
    ]);
    const canonical = JSON.stringify([
      project.id,
      (project.updatedAt ?? project.createdAt).toISOString(),
      granularity,
      baseline.label,
      reporting.label,
      registerHash(devices),
      declared.map((d) => [d.period, d.version]).sort(),
      baseIngested?.toISOString() ?? null,
      reportIngested?.toISOString() ?? null,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }
}

/** Baseline and reporting periods, or why the project cannot be assessed yet. */
function periodsOf(
  project: RetrofitProject,
  now: Date,
): { baseline: IndicatorPeriod; reporting: IndicatorPeriod } | NotAssessable {
  const notYet = (code: string, message: string): NotAssessable => ({
    projectId: project.id,
    verdict: 'inconclusive',
    reasons: [{ code, message }],
  });
  const baseline = monthRangePeriod(project.baselineFrom, project.baselineTo);
  if (!baseline) return notYet('no_baseline_period', 'the project has no valid baseline period');
  if (!project.reportingFrom || !project.reportingTo) {
    return notYet('no_reporting_period', 'the project has no reporting period yet (it is set at completion)');
  }
  const reporting = monthRangePeriod(project.reportingFrom, project.reportingTo);
  if (!reporting) return notYet('no_reporting_period', 'the project has no valid reporting period');
  if (reporting.from.getTime() >= now.getTime()) {
    return notYet('reporting_not_started', `the reporting period starts ${project.reportingFrom}`);
  }
  return { baseline, reporting };
}

function summaryOf(project: RetrofitProject) {
  return {
    id: project.id,
    enterpriseId: project.enterpriseId,
    name: project.name,
    kind: project.kind,
    status: project.status,
    baseline: { from: project.baselineFrom, to: project.baselineTo },
    reporting: project.reportingFrom ? { from: project.reportingFrom, to: project.reportingTo } : null,
    targets: project.targets,
  };
}

/** GB/T 13234 totals: metered energy in tce, declared product output, output and value added. */
function totalsOf(set: IndicatorSet, observations: readonly { energy: number }[]) {
  // A computed or stored set: both carry the period's declared figures (declared-figures.ts).
  const declared = set.declared as DeclaredFigures;
  return {
    energy: observations.reduce((acc, o) => acc + o.energy, 0),
    ...(declared.outputValue === undefined ? {} : { outputValue: declared.outputValue }),
    ...(declared.valueAdded === undefined ? {} : { valueAdded: declared.valueAdded }),
    ...(declared.productOutput === undefined ? {} : { productOutput: declared.productOutput.quantity }),
  };
}

function snapshotsOf(set: IndicatorSet): IndicatorSnapshot[] {
  return Object.entries(set.indicators).map(([formulaId, r]) => {
    const result = r as {
      status: 'ok' | 'partial' | 'missing';
      value?: unknown;
      unit: string;
      coverage?: number;
    };
    return {
      formulaId,
      status: result.status,
      unit: result.unit,
      ...(typeof result.value === 'number' ? { value: result.value } : {}),
      ...(result.coverage === undefined ? {} : { coverage: result.coverage }),
    };
  });
}
