import type { Principal, Role } from '#grip/contracts';
import type { DataSource, Repository } from 'typeorm';
import { User } from '../entities/user.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import { assertNever, type ScopeCondition } from '../scope/principal-scope.js';
import { isUuid } from '../scope/uuid.js';
import {
  applySort,
  likeContains,
  normalisePage,
  type Page,
  type PageRequest,
  type SortRequest,
} from './page.js';

export const USER_SORTS = { username: 'u.username', createdAt: 'u.createdAt', role: 'u.role' } as const;

export interface UserListRequest extends PageRequest, SortRequest {
  role?: Role;
  /** Username containing this text, case-insensitive. */
  username?: string;
}

/** A user as lists show it: never the password hash. */
export type UserSummary = Omit<User, 'passwordHash'> & { readonly disabled: boolean };

/** The account without its hash, `disabled` spelled out beside `disabledAt`. */
export function summaryOf({ passwordHash: _hash, ...user }: User): UserSummary {
  return { ...user, disabled: user.disabledAt !== null };
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  providerId?: string;
  enterpriseId?: string;
  regionCode?: string;
}

/**
 * Human accounts. Creation is unscoped because the first operator is created from configuration
 * before any principal exists; the admin service checks who may create whom. The table rejects a
 * binding that does not match the role (InvalidValueError) and unknown ids (InvalidReferenceError).
 */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get users(): Repository<User> {
    return currentManager(this.dataSource).getRepository(User);
  }

  /** Duplicate username → ConflictError. */
  async create(input: NewUser): Promise<User> {
    const user = this.users.create({
      username: input.username,
      passwordHash: input.passwordHash,
      role: input.role,
      providerId: input.providerId ?? null,
      enterpriseId: input.enterpriseId ?? null,
      regionCode: input.regionCode ?? null,
      disabledAt: null,
    });
    await withDbErrors(() => this.users.insert(user));
    return user;
  }

  /**
   * For login only: unscoped, and returns disabled accounts too (with `disabledAt` set) so the
   * caller decides; it must refuse them.
   */
  async findByUsername(username: string): Promise<User | undefined> {
    return (await this.users.findOneBy({ username })) ?? undefined;
  }

  /**
   * For refreshing a session only: unscoped, by id; returns disabled accounts too so the caller
   * can refuse them.
   */
  async findForSession(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    return (await this.users.findOneBy({ id })) ?? undefined;
  }

  /**
   * Visibility: operator all; everyone their own account; a provider its own staff and the users
   * of its enterprises; an enterprise its own users.
   */
  async findById(scope: Principal, id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const qb = this.users.createQueryBuilder('u').where('u.id = :id', { id });
    const condition = userScope(scope);
    if (condition) qb.andWhere(condition.sql, condition.params);
    return (await qb.getOne()) ?? undefined;
  }

  /** The users a principal may see (as findById), paginated; never their password hashes. */
  async list(scope: Principal, request: UserListRequest = {}): Promise<Page<UserSummary>> {
    const { page, pageSize, skip } = normalisePage(request);
    const qb = this.users.createQueryBuilder('u').where('TRUE');
    const condition = userScope(scope);
    if (condition) qb.andWhere(condition.sql, condition.params);
    if (request.role !== undefined) qb.andWhere('u.role = :role', { role: request.role });
    if (request.username !== undefined) {
      qb.andWhere('u.username ILIKE :usernamePattern', { usernamePattern: likeContains(request.username) });
    }
    const [users, total] = await applySort(qb, request.sort, USER_SORTS, 'createdAt', 'u.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: users.map(summaryOf), total, page, pageSize };
  }

  /**
   * Disables (keeping the first disable time when already disabled) or enables an account the
   * caller found in scope; the account as it is now, undefined when it is gone.
   */
  async setDisabled(id: string, disabled: boolean): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    await this.users
      .createQueryBuilder()
      .update(User)
      .set({ disabledAt: () => (disabled ? 'COALESCE(disabled_at, now())' : 'NULL') })
      .where('id = :id', { id })
      .execute();
    return (await this.users.findOneBy({ id })) ?? undefined;
  }

  /** A new slow hash; false when the account is gone. */
  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.users.update({ id }, { passwordHash });
    return (result.affected ?? 0) > 0;
  }

  /** Accounts disabled at or after `since`: what a starting process must still deny. */
  async disabledSince(since: Date): Promise<{ id: string; disabledAt: Date }[]> {
    const rows = await this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.disabledAt'])
      .where('u.disabled_at >= :since', { since })
      .getMany();
    return rows.map((u) => ({ id: u.id, disabledAt: u.disabledAt! }));
  }
}

function userScope(scope: Principal): ScopeCondition | undefined {
  const self = isUuid(scope.userId) ? 'u.id = :scopeUserId' : 'FALSE';
  const params = { scopeUserId: scope.userId };
  switch (scope.role) {
    case 'operator':
      return undefined;
    case 'provider':
      return isUuid(scope.providerId)
        ? {
            sql:
              `(${self} OR u.provider_id = :scopeProviderId OR u.enterprise_id IN ` +
              '(SELECT se.id FROM enterprises se WHERE se.provider_id = :scopeProviderId))',
            params: { ...params, scopeProviderId: scope.providerId },
          }
        : { sql: self, params };
    case 'enterprise':
      return isUuid(scope.enterpriseId)
        ? {
            sql: `(${self} OR u.enterprise_id = :scopeEnterpriseId)`,
            params: { ...params, scopeEnterpriseId: scope.enterpriseId },
          }
        : { sql: self, params };
    case 'official':
      return { sql: self, params };
    default:
      return assertNever(scope);
  }
}
