import { isRegionCode, type Principal } from '#grip/contracts';
import type { DataSource, Repository } from 'typeorm';
import { PlanCityShare } from '../entities/plan-city-share.entity.js';
import { PLAN_METRICS, PlanTarget, type PlanMetric } from '../entities/plan-target.entity.js';
import { ForbiddenError, ValidationError } from '../registry.errors.js';
import { currentManager } from '../registry-transactions.js';
import { assertNever } from '../scope/principal-scope.js';
import { likePrefix, regionPrefix } from '../scope/region-prefix.js';
import { withDbErrors } from '../translate-db-error.js';

/** The targets of one region and year an operator sets; an absent metric is left as it was. */
export type PlanTargetValues = Partial<Record<PlanMetric, number>>;

/** Shares may add up to 1 with floating-point slack (0.1 + 0.2 + 0.7). */
export const SHARE_SUM_TOLERANCE = 1e-9;
export const MIN_PLAN_YEAR = 2000;
export const MAX_PLAN_YEAR = 2100;

export interface PlanTargetsChange {
  before: PlanTarget[];
  after: PlanTarget[];
}

export interface PlanSharesChange {
  before: PlanCityShare[];
  after: PlanCityShare[];
}

/**
 * Plan targets and city shares (indicators.md §8). Operators write; officials read their region,
 * the regions inside it and the lines of the regions it lies in (a city official sees what its
 * province was asked for, a district official its province's and its city's, never another
 * city's); providers and enterprise users read nothing here.
 */
export class PlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get targets(): Repository<PlanTarget> {
    return currentManager(this.dataSource).getRepository(PlanTarget);
  }

  private get shares(): Repository<PlanCityShare> {
    return currentManager(this.dataSource).getRepository(PlanCityShare);
  }

  /** Sets the given metrics of a region's year (insert or replace); operators only. */
  async setTargets(
    scope: Principal,
    year: number,
    regionCode: string,
    values: PlanTargetValues,
  ): Promise<PlanTargetsChange> {
    operatorOnly(scope);
    const problems = targetProblems(year, regionCode, values);
    if (problems.length > 0) throw new ValidationError('the plan targets are invalid', problems);
    const before = await this.targetsOf(year, regionCode);
    const rows = PLAN_METRICS.filter((m) => values[m] !== undefined).map((metric) => ({
      year,
      regionCode,
      metric,
      target: values[metric]!,
      updatedAt: new Date(),
    }));
    if (rows.length > 0) {
      await withDbErrors(() => this.targets.upsert(rows, ['year', 'regionCode', 'metric']));
    }
    return { before, after: await this.targetsOf(year, regionCode) };
  }

  /** Replaces the whole share set of a province (a city left out has no share any more); operators only. */
  async setShares(
    scope: Principal,
    provinceCode: string,
    shares: Readonly<Record<string, number>>,
  ): Promise<PlanSharesChange> {
    operatorOnly(scope);
    const problems = shareProblems(provinceCode, shares);
    if (problems.length > 0) throw new ValidationError('the city shares are invalid', problems);
    const before = await this.listShares(provinceCode);
    await this.shares.delete({ provinceCode });
    const rows = Object.entries(shares).map(([cityCode, share]) => ({ provinceCode, cityCode, share }));
    if (rows.length > 0) await withDbErrors(() => this.shares.insert(rows));
    return { before, after: await this.listShares(provinceCode) };
  }

  /**
   * Unscoped, for the query side after it has checked the caller: every target of `year` whose
   * region lies inside `regionPrefix` ('' = all, '44' = Guangdong, '4401' = Guangzhou), by region
   * then metric.
   */
  async listTargets(year: number, regionPrefix: string): Promise<PlanTarget[]> {
    return this.targets
      .createQueryBuilder('t')
      .where('t.year = :year', { year })
      .andWhere('t.region_code LIKE :pattern', { pattern: likePrefix(regionPrefix) })
      .orderBy('t.region_code', 'ASC')
      .addOrderBy('t.metric', 'ASC')
      .getMany();
  }

  /** Unscoped: the city shares of a province, by city code. */
  async listShares(provinceCode: string): Promise<PlanCityShare[]> {
    return this.shares.find({ where: { provinceCode }, order: { cityCode: 'ASC' } });
  }

  /**
   * The targets of `year` the caller may read: operators all; officials their region, inside it,
   * and the lines of its province and city (see the class comment). Providers and enterprise users: 403.
   */
  async listTargetsFor(scope: Principal, year: number): Promise<PlanTarget[]> {
    switch (scope.role) {
      case 'operator':
        return this.listTargets(year, '');
      case 'official': {
        const inside = await this.listTargets(year, regionPrefix(scope.regionCode));
        const above = enclosingRegions(scope.regionCode);
        if (above.length === 0) return inside;
        const lines = await this.targets
          .createQueryBuilder('t')
          .where('t.year = :year', { year })
          .andWhere('t.region_code IN (:...above)', { above })
          .orderBy('t.region_code', 'ASC')
          .addOrderBy('t.metric', 'ASC')
          .getMany();
        return [...lines, ...inside];
      }
      case 'provider':
      case 'enterprise':
        throw new ForbiddenError('plan targets are for operators and officials');
      default:
        return assertNever(scope);
    }
  }

  /** The city shares the caller may read: operators every province's, officials their own province's. */
  async listSharesFor(scope: Principal): Promise<PlanCityShare[]> {
    switch (scope.role) {
      case 'operator':
        return this.shares.find({ order: { provinceCode: 'ASC', cityCode: 'ASC' } });
      case 'official':
        return this.listShares(`${scope.regionCode.slice(0, 2)}0000`);
      case 'provider':
      case 'enterprise':
        throw new ForbiddenError('plan targets are for operators and officials');
      default:
        return assertNever(scope);
    }
  }

  private targetsOf(year: number, regionCode: string): Promise<PlanTarget[]> {
    return this.targets.find({ where: { year, regionCode }, order: { metric: 'ASC' } });
  }
}

/** The province and (for a county) the city a region lies in: 440106 → 440000, 440100. */
function enclosingRegions(regionCode: string): string[] {
  const province = `${regionCode.slice(0, 2)}0000`;
  const city = `${regionCode.slice(0, 4)}00`;
  return [province, city].filter((code, i, all) => code !== regionCode && all.indexOf(code) === i);
}

function operatorOnly(scope: Principal): void {
  if (scope.role !== 'operator') throw new ForbiddenError('only operators set plan targets');
}

type Problem = { field: string; code: string; message: string };

export function targetProblems(year: number, regionCode: string, values: PlanTargetValues): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(year) || year < MIN_PLAN_YEAR || year > MAX_PLAN_YEAR)
    problems.push({
      field: 'year',
      code: 'INVALID_YEAR',
      message: `year is ${MIN_PLAN_YEAR}–${MAX_PLAN_YEAR}`,
    });
  if (!isRegionCode(regionCode))
    problems.push({
      field: 'regionCode',
      code: 'UNKNOWN_REGION',
      message: 'not a GB/T 2260 region code GRIP knows',
    });
  for (const metric of PLAN_METRICS) {
    const v = values[metric];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0))
      problems.push({ field: metric, code: 'INVALID_TARGET', message: 'a target is a non-negative integer' });
  }
  return problems;
}

export function shareProblems(provinceCode: string, shares: Readonly<Record<string, number>>): Problem[] {
  const problems: Problem[] = [];
  if (!/^[1-9]\d0000$/.test(provinceCode) || !isRegionCode(provinceCode)) {
    problems.push({
      field: 'provinceCode',
      code: 'NOT_A_PROVINCE',
      message: 'a GB/T 2260 province code, e.g. 440000',
    });
    return problems;
  }
  let sum = 0;
  for (const [cityCode, share] of Object.entries(shares)) {
    const field = `shares.${cityCode}`;
    const isCity = /^\d{4}00$/.test(cityCode) && !cityCode.endsWith('0000') && isRegionCode(cityCode);
    if (!isCity) problems.push({ field, code: 'NOT_A_CITY', message: 'a GB/T 2260 city code, e.g. 440100' });
    else if (!cityCode.startsWith(provinceCode.slice(0, 2)))
      problems.push({ field, code: 'OUTSIDE_PROVINCE', message: `${cityCode} is not in ${provinceCode}` });
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1)
      problems.push({ field, code: 'INVALID_SHARE', message: 'a share is a fraction, 0 … 1' });
    else sum += share;
  }
  if (sum > 1 + SHARE_SUM_TOLERANCE)
    problems.push({
      field: 'shares',
      code: 'SHARES_ABOVE_ONE',
      message: `the shares add up to ${sum}, more than 1`,
    });
  return problems;
}
