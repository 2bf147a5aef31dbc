import type { DataSource, Repository } from 'typeorm';
import { MethodologyVersion } from '../entities/methodology-version.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';

export interface NewMethodologyVersion {
  readonly version: string;
  readonly factors: readonly unknown[];
  readonly notes?: string;
  readonly publishedBy?: string;
}

/**
 * Published methodology versions, readable by everyone who reads indicators; only operators
 * publish (checked by the caller). Versions never change once stored (a database trigger).
 */
export class MethodologyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get versions(): Repository<MethodologyVersion> {
    return currentManager(this.dataSource).getRepository(MethodologyVersion);
  }

  /** Duplicate version → ConflictError. */
  async publish(input: NewMethodologyVersion): Promise<MethodologyVersion> {
    await withDbErrors(() =>
      this.versions
        .createQueryBuilder()
        .insert()
        .values({
          version: input.version,
          notes: input.notes ?? null,
          publishedBy: input.publishedBy ?? null,
          factors: () => 'CAST(:factors AS jsonb)',
        })
        .setParameter('factors', JSON.stringify(input.factors))
        .execute(),
    );
    return this.versions.findOneByOrFail({ version: input.version });
  }

  /** Stores the version unless it exists; true when this call stored it (start-up seeding). */
  async publishIfAbsent(input: NewMethodologyVersion): Promise<boolean> {
    if (await this.versions.existsBy({ version: input.version })) return false;
    await this.publish(input);
    return true;
  }

  /** The most recently published version. */
  latest(): Promise<MethodologyVersion | null> {
    return this.versions.findOne({ where: {}, order: { publishedAt: 'DESC', version: 'DESC' } });
  }

  byVersion(version: string): Promise<MethodologyVersion | null> {
    return this.versions.findOneBy({ version });
  }

  /** Every version without its factors, newest first. */
  list(): Promise<Pick<MethodologyVersion, 'version' | 'publishedAt' | 'publishedBy' | 'notes'>[]> {
    return this.versions.find({
      select: { version: true, publishedAt: true, publishedBy: true, notes: true },
      order: { publishedAt: 'DESC', version: 'DESC' },
    });
  }
}
