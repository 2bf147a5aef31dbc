import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditEntry } from '../entities/audit-entry.entity.js';
import { Device } from '../entities/device.entity.js';
import { Enterprise, type SizeClass } from '../entities/enterprise.entity.js';
import { Provider } from '../entities/provider.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import type { NewAuditEntry } from './audit-log.repository.js';

/** An enterprise row of an import, with its id (new ones get theirs from the importer). */
export interface ImportedEnterprise {
  id: string;
  externalId: string;
  name: string;
  creditCode: string;
  regionCode: string;
  industryCode: string;
  sizeClass: SizeClass | null;
  /** null for a new enterprise, the import's time for a changed one. */
  updatedAt: Date | null;
}

export interface ImportedDevice {
  id: string;
  enterpriseId: string;
  externalId: string;
  name: string;
  kind: string;
  metrics: string[];
  attributes: Record<string, unknown>;
  /** null for a new device, the import's time for a changed one. */
  updatedAt: Date | null;
}

export type ExistingDevice = Pick<
  Device,
  'id' | 'enterpriseId' | 'externalId' | 'name' | 'kind' | 'metrics' | 'attributes'
>;

/** Who holds a credit code: enough to refuse a conflict, nothing more of another tenant. */
export interface CreditCodeHolder {
  id: string;
  providerId: string;
  externalId: string | null;
  creditCode: string;
}

export interface ExistingForImport {
  /** The provider's enterprises named by the file's external ids. */
  readonly enterprises: Enterprise[];
  /** Every enterprise, of any provider, holding one of the file's credit codes. */
  readonly creditCodeHolders: CreditCodeHolder[];
  /** The devices of the provider's enterprises the file names (by external id or credit code). */
  readonly devices: ExistingDevice[];
}

// Each chunk travels as one jsonb parameter expanded by jsonb_to_recordset: one statement per
// 5,000 rows (100,000 devices: 20 statements), a few MB each, and no 65,535-parameter ceiling.
// Measured on PGlite: TypeORM's multi-row VALUES builder managed ~7,700 devices/s, this path
// several times that (docs/benchmarks.md).
const CHUNK_ROWS = 5000;

/**
 * Bulk imports of enterprises and devices: one transaction, set-based reads (`= ANY(array)`) and
 * chunked multi-row upserts. Everything inside a transaction goes through its EntityManager —
 * on PGlite a query through the DataSource would wait forever behind the open transaction.
 */
export class EnterpriseImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: ImportTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new ImportTransaction(manager)));
  }
}

export class ImportTransaction {
  constructor(private readonly m: EntityManager) {}

  /**
   * Whether the provider exists; with `lock`, holds its row until commit so two imports of one
   * provider run one after the other and each plans against what the other wrote.
   */
  async provider(providerId: string, lock: boolean): Promise<boolean> {
    const qb = this.m
      .getRepository(Provider)
      .createQueryBuilder('p')
      .where('p.id = :providerId', { providerId });
    if (lock) qb.setLock('pessimistic_write');
    return (await qb.getOne()) !== null;
  }

  async existing(
    providerId: string,
    externalIds: string[],
    creditCodes: string[],
  ): Promise<ExistingForImport> {
    const enterprises = await this.m
      .getRepository(Enterprise)
      .createQueryBuilder('e')
      .where('e.provider_id = :providerId', { providerId })
      .andWhere('e.external_id = ANY(:externalIds)', { externalIds })
      .getMany();
    const creditCodeHolders: CreditCodeHolder[] = (
      await this.m
        .getRepository(Enterprise)
        .createQueryBuilder('e')
        .select(['e.id', 'e.providerId', 'e.externalId', 'e.creditCode'])
        .where('e.credit_code = ANY(:creditCodes)', { creditCodes })
        .getMany()
    ).map((e) => ({
      id: e.id,
      providerId: e.providerId,
      externalId: e.externalId,
      creditCode: e.creditCode,
    }));
    const ids = [
      ...new Set([
        ...enterprises.map((e) => e.id),
        ...creditCodeHolders.filter((h) => h.providerId === providerId).map((h) => h.id),
      ]),
    ];
    // Raw rows, not entities: hydrating 100,000 devices through TypeORM cost seconds.
    const devices: ExistingDevice[] =
      ids.length === 0
        ? []
        : await this.m.query(
            `SELECT id, enterprise_id AS "enterpriseId", external_id AS "externalId", name, kind, metrics, attributes
               FROM devices WHERE enterprise_id = ANY($1::uuid[])`,
            [ids],
          );
    return { enterprises, creditCodeHolders, devices };
  }

  /**
   * Gives enterprises onboarded without an external id the one the file names for them (matched
   * by credit code). Only the provider's own, only those still without one.
   */
  async adoptExternalIds(
    providerId: string,
    adopted: { id: string; externalId: string }[],
    at: Date,
  ): Promise<void> {
    for (const chunk of chunks(adopted)) {
      await withDbErrors(() =>
        this.m.query(
          `UPDATE enterprises e SET external_id = v.external_id, updated_at = $4
             FROM unnest($1::uuid[], $2::text[]) AS v(id, external_id)
            WHERE e.id = v.id AND e.provider_id = $3 AND e.external_id IS NULL`,
          [chunk.map((a) => a.id), chunk.map((a) => a.externalId), providerId, at],
        ),
      );
    }
  }

  /**
   * Inserts new enterprises and updates changed ones, matched on (provider, external id). The
   * provider and the credit code are never overwritten: a credit code taken meanwhile by another
   * enterprise fails the statement (ConflictError) instead of touching that enterprise.
   */
  async upsertEnterprises(providerId: string, rows: ImportedEnterprise[]): Promise<void> {
    for (const chunk of chunks(rows)) {
      await withDbErrors(() =>
        this.m.query(
          `INSERT INTO enterprises
                  (id, provider_id, external_id, name, credit_code, region_code, industry_code, size_class, updated_at)
           SELECT r.id, $2, r.external_id, r.name, r.credit_code, r.region_code, r.industry_code, r.size_class, r.updated_at
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, external_id text, name text, credit_code text,
                  region_code text, industry_code text, size_class text, updated_at timestamptz)
           ON CONFLICT (provider_id, external_id) DO UPDATE
              SET name = EXCLUDED.name, region_code = EXCLUDED.region_code,
                  industry_code = EXCLUDED.industry_code, size_class = EXCLUDED.size_class,
                  updated_at = EXCLUDED.updated_at`,
          [
            JSON.stringify(
              chunk.map((r) => ({
                id: r.id,
                external_id: r.externalId,
                name: r.name,
                credit_code: r.creditCode,
                region_code: r.regionCode,
                industry_code: r.industryCode,
                size_class: r.sizeClass,
                updated_at: r.updatedAt,
              })),
            ),
            providerId,
          ],
        ),
      );
    }
  }

  /**
   * Inserts new devices and updates changed ones, matched on (enterprise, external id); a device's
   * kind never changes (the importer refuses it).
   */
  async upsertDevices(rows: ImportedDevice[]): Promise<void> {
    for (const chunk of chunks(rows)) {
      await withDbErrors(() =>
        this.m.query(
          `INSERT INTO devices (id, enterprise_id, external_id, name, kind, metrics, attributes, updated_at)
           SELECT r.id, r.enterprise_id, r.external_id, r.name, r.kind, r.metrics, r.attributes, r.updated_at
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, enterprise_id uuid, external_id text, name text,
                  kind text, metrics text[], attributes jsonb, updated_at timestamptz)
           ON CONFLICT (enterprise_id, external_id) DO UPDATE
              SET name = EXCLUDED.name, metrics = EXCLUDED.metrics, attributes = EXCLUDED.attributes,
                  updated_at = EXCLUDED.updated_at`,
          [
            JSON.stringify(
              chunk.map((r) => ({
                id: r.id,
                enterprise_id: r.enterpriseId,
                external_id: r.externalId,
                name: r.name,
                kind: r.kind,
                metrics: r.metrics,
                attributes: r.attributes,
                updated_at: r.updatedAt,
              })),
            ),
          ],
        ),
      );
    }
  }

  /** The import's audit entry, in the same transaction: recorded if and only if the import is. */
  async audit(entry: NewAuditEntry): Promise<void> {
    const repository = this.m.getRepository(AuditEntry);
    await withDbErrors(() =>
      repository.insert(repository.create(entry) as QueryDeepPartialEntity<AuditEntry>),
    );
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) yield rows.slice(i, i + CHUNK_ROWS);
}
