import type { Principal } from '#grip/contracts';
import type { DataSource, Repository } from 'typeorm';
import { Declaration } from '../entities/declaration.entity.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { ConflictError, NotFoundError } from '../registry.errors.js';
import {
  applyScope,
  enterpriseScope,
  writableEnterpriseScope,
  type ScopeCondition,
} from '../scope/principal-scope.js';
import { isUuid } from '../scope/uuid.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';

export type DeclarationData = Record<string, unknown>;

/** Versioned monthly declarations; every call checks the enterprise against the caller's scope. */
export class DeclarationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get declarations(): Repository<Declaration> {
    return currentManager(this.dataSource).getRepository(Declaration);
  }

  private get enterprises(): Repository<Enterprise> {
    return currentManager(this.dataSource).getRepository(Enterprise);
  }

  /**
   * Stores a new version (1 for the first declaration, +1 for each correction). Two corrections
   * racing for the same version: the unique key refuses one, which is retried once.
   * Joins the caller's unit of work when there is one.
   */
  async declare(
    scope: Principal,
    enterpriseId: string,
    period: string,
    data: DeclarationData,
  ): Promise<Declaration> {
    if (!(await this.isEnterpriseIn(writableEnterpriseScope(scope, 'e'), enterpriseId))) {
      throw new NotFoundError('enterprise');
    }
    for (let attempt = 0; ; attempt++) {
      const latest = await this.latestVersion(enterpriseId, period);
      const version = latest + 1;
      try {
        // In its own savepoint inside a unit of work: the refused INSERT would otherwise abort
        // the caller's whole transaction, and the retry with it.
        const { identifiers } = await withDbErrors(() =>
          currentManager(this.dataSource).transaction((m) =>
            m
              .getRepository(Declaration)
              .createQueryBuilder()
              .insert()
              .values({
                enterpriseId,
                period,
                version,
                declaredBy: scope.userId,
                data: () => 'CAST(:json AS jsonb)',
              })
              .setParameter('json', JSON.stringify(data))
              .execute(),
          ),
        );
        return await this.declarations.findOneByOrFail({ id: identifiers[0]!.id as string });
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt > 0) throw error;
      }
    }
  }

  /** Every version, newest first; undefined when the enterprise is not visible. */
  async history(scope: Principal, enterpriseId: string, period: string): Promise<Declaration[] | undefined> {
    if (!(await this.isEnterpriseIn(enterpriseScope(scope, 'e'), enterpriseId))) return undefined;
    return this.declarations.find({ where: { enterpriseId, period }, order: { version: 'DESC' } });
  }

  /** The current version for each of several months of one enterprise, unscoped: for the indicator engine. */
  async latestFor(enterpriseId: string, periods: readonly string[]): Promise<Declaration[]> {
    if (!isUuid(enterpriseId) || periods.length === 0) return [];
    return this.declarations
      .createQueryBuilder('d')
      .distinctOn(['d.period'])
      .where('d.enterprise_id = :enterpriseId', { enterpriseId })
      .andWhere('d.period IN (:...periods)', { periods })
      .orderBy('d.period', 'ASC')
      .addOrderBy('d.version', 'DESC')
      .getMany();
  }

  private async latestVersion(enterpriseId: string, period: string): Promise<number> {
    const row = await this.declarations
      .createQueryBuilder('d')
      .select('MAX(d.version)', 'max')
      .where('d.enterprise_id = :enterpriseId AND d.period = :period', { enterpriseId, period })
      .getRawOne<{ max: number | null }>();
    return row?.max ?? 0;
  }

  private async isEnterpriseIn(
    condition: ScopeCondition | undefined,
    enterpriseId: string,
  ): Promise<boolean> {
    if (!isUuid(enterpriseId)) return false;
    const qb = this.enterprises.createQueryBuilder('e').where('e.id = :enterpriseId', { enterpriseId });
    return applyScope(qb, condition).getExists();
  }
}
