import type { Principal } from '#grip/contracts';
import type { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditEntry, type AuditActorRole } from '../entities/audit-entry.entity.js';
import { ForbiddenError } from '../registry.errors.js';
import { isUuid } from '../scope/uuid.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import { applySort, normalisePage, type Page, type PageRequest, type SortRequest } from './page.js';

export const AUDIT_SORTS = { at: 'a.at', action: 'a.action' } as const;

export interface NewAuditEntry {
  actorUserId: string | null;
  actorRole: AuditActorRole;
  action: string;
  targetType: string;
  targetId: string | null;
  sourceIp: string | null;
  requestId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditListRequest extends PageRequest, SortRequest {
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
}

/**
 * The append-only audit log: it can be added to and read, nothing else (the table's trigger
 * refuses UPDATE and DELETE even if code here tried). Only operators read it.
 */
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get entries(): Repository<AuditEntry> {
    return currentManager(this.dataSource).getRepository(AuditEntry);
  }

  /** Unscoped: the caller records what a principal it has already authorised did. */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = this.entries.create(entry);
    // TypeORM's partial type cannot express free-form jsonb; the row is a complete entity.
    await withDbErrors(() => this.entries.insert(row as QueryDeepPartialEntity<AuditEntry>));
    return row;
  }

  /** Newest first. Anyone but an operator → ForbiddenError: the log spans every tenant. */
  async list(scope: Principal, request: AuditListRequest = {}): Promise<Page<AuditEntry>> {
    if (scope.role !== 'operator') throw new ForbiddenError('only operators read the audit log');
    const { page, pageSize, skip } = normalisePage(request);
    const qb = this.entries.createQueryBuilder('a');
    if (request.action !== undefined) qb.andWhere('a.action = :action', { action: request.action });
    if (request.actorUserId !== undefined) {
      // A malformed id would make Postgres raise 22P02; it matches no entry.
      if (!isUuid(request.actorUserId)) return { items: [], total: 0, page, pageSize };
      qb.andWhere('a.actor_user_id = :actorUserId', { actorUserId: request.actorUserId });
    }
    if (request.targetType !== undefined)
      qb.andWhere('a.target_type = :targetType', { targetType: request.targetType });
    if (request.targetId !== undefined)
      qb.andWhere('a.target_id = :targetId', { targetId: request.targetId });
    const [items, total] = await applySort(qb, request.sort, AUDIT_SORTS, '-at', 'a.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }
}
