import type { Principal } from '#grip/contracts';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Device } from '../entities/device.entity.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { RetrofitProject } from '../entities/retrofit-project.entity.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../registry.errors.js';
import { currentManager } from '../registry-transactions.js';
import {
  isStatusChangeAllowed,
  patchedRetrofit,
  resolveRetrofit,
  retrofitProblems,
  type ResolvedRetrofit,
  type RetrofitFields,
  type RetrofitPatch,
  type RetrofitProblem,
  type RetrofitStatus,
} from '../retrofits/retrofit-rules.js';
import {
  applyScope,
  enterpriseScope,
  writableEnterpriseScope,
  type ScopeCondition,
} from '../scope/principal-scope.js';
import { likePrefix, regionPrefix } from '../scope/region-prefix.js';
import { isUuid } from '../scope/uuid.js';
import { withDbErrors } from '../translate-db-error.js';
import { applySort, normalisePage, type Page, type PageRequest, type SortRequest } from './page.js';

export const RETROFIT_SORTS = {
  createdAt: 'r.createdAt',
  startDate: 'r.startDate',
  name: 'r.name',
  status: 'r.status',
} as const;

export interface RetrofitListRequest extends PageRequest, SortRequest {
  enterpriseId?: string;
  /** The region and everything inside it, by the enterprise's region. */
  regionCode?: string;
  status?: RetrofitStatus;
}

/** What an update changed: the project before and after, for the audit trail. */
export interface RetrofitUpdate {
  before: RetrofitProject;
  after: RetrofitProject;
}

/** Enterprises that started retrofit projects in a year, by the enterprise's region (plan progress). */
export interface RetrofitStartsByRegion {
  regionCode: string;
  /** Distinct enterprises with at least one project starting that year. */
  enterprises: number;
  projects: number;
}

/** What a bulk import of projects is checked against, read once for the whole file. */
export interface RetrofitImportContext {
  /** externalId → id of the provider's enterprises the caller may change, among those asked for. */
  enterprises: Map<string, string>;
  /** enterprise id → the externalIds of its devices (the meters a project may name). */
  devices: Map<string, Set<string>>;
  /** retrofitKey(enterpriseId, name, startDate) of the projects those enterprises already have. */
  projects: Set<string>;
}

/** A project is taken to be the same when its enterprise, name and start date are: imports never repeat one. */
export const retrofitKey = (enterpriseId: string, name: string, startDate: string): string =>
  `${enterpriseId}\u0000${name}\u0000${startDate}`;

// Rows per INSERT of an import: 1,000 × 13 parameters stays far below Postgres' 65,535.
const IMPORT_INSERT_ROWS = 1000;

/**
 * Retrofit projects, visible exactly where their enterprise is (enterpriseScope on the joined
 * enterprise); officials read only. An id the caller cannot see is NotFoundError, like an
 * unknown one.
 */
export class RetrofitRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get projects(): Repository<RetrofitProject> {
    return currentManager(this.dataSource).getRepository(RetrofitProject);
  }

  /**
   * Registers a project of an enterprise the caller may change. Enterprise not visible →
   * NotFoundError('enterprise'); official → ForbiddenError; a broken rule or a meter that is not a
   * device of the enterprise → ValidationError naming every field.
   */
  async create(scope: Principal, enterpriseId: string, input: RetrofitFields): Promise<RetrofitProject> {
    const condition = writerScope(scope);
    if (!(await this.isEnterpriseIn(condition, enterpriseId))) throw new NotFoundError('enterprise');
    const resolved = await this.checked(enterpriseId, input);
    const project = this.projects.create({ enterpriseId, ...resolved, updatedAt: null });
    await withDbErrors(() => this.projects.insert(project));
    return this.projects.findOneByOrFail({ id: project.id });
  }

  /** The caller's projects, newest first by default; filters narrow inside the scope, never widen it. */
  async list(scope: Principal, request: RetrofitListRequest = {}): Promise<Page<RetrofitProject>> {
    const { page, pageSize, skip } = normalisePage(request);
    const qb = this.scoped(enterpriseScope(scope, 'e'));
    if (request.enterpriseId !== undefined) {
      if (!isUuid(request.enterpriseId)) return { items: [], total: 0, page, pageSize };
      qb.andWhere('r.enterprise_id = :enterpriseId', { enterpriseId: request.enterpriseId });
    }
    if (request.regionCode !== undefined) {
      qb.andWhere('e.region_code LIKE :regionPattern', {
        regionPattern: likePrefix(regionPrefix(request.regionCode)),
      });
    }
    if (request.status !== undefined) qb.andWhere('r.status = :status', { status: request.status });
    const [items, total] = await applySort(qb, request.sort, RETROFIT_SORTS, '-createdAt', 'r.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /** One project the caller may see; NotFoundError('retrofit') otherwise. */
  async get(scope: Principal, id: string): Promise<RetrofitProject> {
    if (!isUuid(id)) throw new NotFoundError('retrofit');
    const project = await this.scoped(enterpriseScope(scope, 'e')).andWhere('r.id = :id', { id }).getOne();
    if (!project) throw new NotFoundError('retrofit');
    return project;
  }

  /**
   * Changes a project the caller may change. Absent fields stay; periods that still hold their
   * defaults follow a moved date (see patchedRetrofit). A status may only move forward unless the
   * caller is an operator. Locks the row, so two concurrent updates apply one after the other.
   */
  async update(scope: Principal, id: string, patch: RetrofitPatch): Promise<RetrofitUpdate> {
    const condition = writerScope(scope);
    if (!isUuid(id)) throw new NotFoundError('retrofit');
    const before = await this.scoped(condition)
      .andWhere('r.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['r'])
      .getOne();
    if (!before) throw new NotFoundError('retrofit');
    if (patch.status !== undefined && !isStatusChangeAllowed(before.status, patch.status, scope.role)) {
      throw new ValidationError(`a project cannot go back from ${before.status} to ${patch.status}`, [
        {
          field: 'status',
          code: 'INVALID_TRANSITION',
          message: `status moves forward only: planned → in_progress → completed → assessed (now ${before.status})`,
        },
      ]);
    }
    const resolved = await this.checked(before.enterpriseId, patchedRetrofit(storedOf(before), patch));
    await withDbErrors(() => this.projects.update({ id }, { ...resolved, updatedAt: new Date() }));
    return { before, after: await this.projects.findOneByOrFail({ id }) };
  }

  /**
   * Unscoped, for the assessment once it has judged a completed project: completed → assessed.
   * True when the project is assessed afterwards (also when it already was), false when it does
   * not exist or is not completed yet.
   */
  async markAssessed(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    await this.projects
      .createQueryBuilder()
      .update()
      .set({ status: 'assessed', updatedAt: () => 'now()' })
      .where('id = :id AND status = :completed', { id, completed: 'completed' })
      .execute();
    return this.projects.existsBy({ id, status: 'assessed' });
  }

  /** Unscoped, for the assessment engine after the API has checked the caller: the project or undefined. */
  async findById(id: string): Promise<RetrofitProject | undefined> {
    if (!isUuid(id)) return undefined;
    return (await this.projects.findOneBy({ id })) ?? undefined;
  }

  /**
   * Plan progress (indicators.md §8): per enterprise region inside `regionCode`, how many
   * enterprises started a retrofit project in `year` (start_date in that calendar year), and how
   * many projects. Unscoped: the query side checks the official's region first.
   */
  async startsByRegion(year: number, regionCode: string): Promise<RetrofitStartsByRegion[]> {
    const rows = await this.projects
      .createQueryBuilder('r')
      .innerJoin(Enterprise, 'e', 'e.id = r.enterprise_id')
      .select('e.region_code', 'regionCode')
      .addSelect('COUNT(DISTINCT r.enterprise_id)::int', 'enterprises')
      .addSelect('COUNT(*)::int', 'projects')
      .where('e.region_code LIKE :regionPattern', { regionPattern: likePrefix(regionPrefix(regionCode)) })
      .andWhere('r.start_date >= :from AND r.start_date < :to', {
        from: `${String(year).padStart(4, '0')}-01-01`,
        to: `${String(year + 1).padStart(4, '0')}-01-01`,
      })
      .groupBy('e.region_code')
      .orderBy('e.region_code', 'ASC')
      .getRawMany<{ regionCode: string; enterprises: number; projects: number }>();
    return rows.map((r) => ({
      regionCode: r.regionCode,
      enterprises: Number(r.enterprises),
      projects: Number(r.projects),
    }));
  }

  /**
   * For a bulk import by `scope` for `providerId`: the enterprises the file names (by external id,
   * within the provider and the caller's writable scope), their devices and existing projects.
   */
  async importContext(
    scope: Principal,
    providerId: string,
    enterpriseExternalIds: readonly string[],
  ): Promise<RetrofitImportContext> {
    const condition = writerScope(scope);
    const context: RetrofitImportContext = {
      enterprises: new Map(),
      devices: new Map(),
      projects: new Set(),
    };
    if (!isUuid(providerId) || enterpriseExternalIds.length === 0) return context;
    const manager = currentManager(this.dataSource);
    const enterprises = await applyScope(
      manager
        .getRepository(Enterprise)
        .createQueryBuilder('e')
        .select(['e.id', 'e.externalId'])
        .where('e.provider_id = :providerId', { providerId })
        .andWhere('e.external_id = ANY(:externalIds)', { externalIds: [...new Set(enterpriseExternalIds)] }),
      condition,
    ).getMany();
    for (const e of enterprises) context.enterprises.set(e.externalId!, e.id);
    const ids = enterprises.map((e) => e.id);
    if (ids.length === 0) return context;
    const devices = await manager
      .getRepository(Device)
      .createQueryBuilder('d')
      .select('d.enterprise_id', 'enterpriseId')
      .addSelect('d.external_id', 'externalId')
      .where('d.enterprise_id = ANY(:ids)', { ids })
      .getRawMany<{ enterpriseId: string; externalId: string }>();
    for (const d of devices) {
      let set = context.devices.get(d.enterpriseId);
      if (!set) context.devices.set(d.enterpriseId, (set = new Set()));
      set.add(d.externalId);
    }
    const projects = await this.projects
      .createQueryBuilder('r')
      .select(['r.enterpriseId', 'r.name', 'r.startDate'])
      .where('r.enterprise_id = ANY(:ids)', { ids })
      .getMany();
    for (const p of projects) context.projects.add(retrofitKey(p.enterpriseId, p.name, p.startDate));
    return context;
  }

  /**
   * Inserts checked projects of a bulk import (enterprises from importContext, in the same unit
   * of work); returns how many. Officials and enterprise users: ForbiddenError.
   */
  async insertMany(
    scope: Principal,
    rows: readonly (ResolvedRetrofit & { enterpriseId: string })[],
  ): Promise<number> {
    writerScope(scope);
    for (let i = 0; i < rows.length; i += IMPORT_INSERT_ROWS) {
      const slice = rows.slice(i, i + IMPORT_INSERT_ROWS).map((r) => ({ ...r, updatedAt: null }));
      await withDbErrors(() => this.projects.insert(slice));
    }
    return rows.length;
  }

  /** The stored values of valid fields, or ValidationError with every problem (meters included). */
  private async checked(enterpriseId: string, fields: RetrofitFields): Promise<ResolvedRetrofit> {
    const problems = retrofitProblems(fields as unknown as Record<string, unknown>);
    if (problems.length === 0) problems.push(...(await this.meterProblems(enterpriseId, fields.meters)));
    if (problems.length > 0) throw new ValidationError('the retrofit project is invalid', problems);
    return resolveRetrofit(fields);
  }

  /** Meters that are not devices of the enterprise, by position. */
  private async meterProblems(
    enterpriseId: string,
    meters: readonly string[] | null | undefined,
  ): Promise<RetrofitProblem[]> {
    if (!meters || meters.length === 0) return [];
    const found = await currentManager(this.dataSource)
      .getRepository(Device)
      .createQueryBuilder('d')
      .select('d.external_id', 'externalId')
      .where('d.enterprise_id = :enterpriseId', { enterpriseId })
      .andWhere('d.external_id IN (:...meters)', { meters })
      .getRawMany<{ externalId: string }>();
    const known = new Set(found.map((d) => d.externalId));
    return meters.flatMap((m, i) =>
      known.has(m)
        ? []
        : [
            {
              field: `meters[${i}]`,
              code: 'UNKNOWN_DEVICE',
              message: `${m} is not a device of the enterprise`,
            },
          ],
    );
  }

  private scoped(condition: ScopeCondition | undefined): SelectQueryBuilder<RetrofitProject> {
    const qb = this.projects
      .createQueryBuilder('r')
      .innerJoin(Enterprise, 'e', 'e.id = r.enterprise_id')
      .where('TRUE');
    return applyScope(qb, condition);
  }

  private async isEnterpriseIn(
    condition: ScopeCondition | undefined,
    enterpriseId: string,
  ): Promise<boolean> {
    if (!isUuid(enterpriseId)) return false;
    const qb = currentManager(this.dataSource)
      .getRepository(Enterprise)
      .createQueryBuilder('e')
      .where('e.id = :enterpriseId', { enterpriseId });
    return applyScope(qb, condition).getExists();
  }
}

/** Who may change projects: providers (their own), operators (all); officials and enterprise users read. */
function writerScope(scope: Principal): ScopeCondition | undefined {
  if (scope.role === 'enterprise')
    throw new ForbiddenError('retrofit projects are registered by the enterprise’s service provider');
  return writableEnterpriseScope(scope, 'e');
}

function storedOf(p: RetrofitProject): ResolvedRetrofit {
  return {
    name: p.name,
    kind: p.kind,
    investment: p.investment,
    startDate: p.startDate,
    completionDate: p.completionDate,
    baselineFrom: p.baselineFrom,
    baselineTo: p.baselineTo,
    reportingFrom: p.reportingFrom,
    reportingTo: p.reportingTo,
    meters: p.meters,
    targets: p.targets,
    status: p.status,
  };
}
