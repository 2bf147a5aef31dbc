import type { Principal, Role } from '#grip/contracts';

/** A person as the registry stores them: the role and the binding it needs. */
export interface UserRecord {
  readonly id: string;
  readonly role: Role;
  readonly providerId?: string | null;
  readonly enterpriseId?: string | null;
  readonly regionCode?: string | null;
}

/** The principal of a user record; a record without the binding its role needs is a bug. */
export function principalOf(user: UserRecord): Principal {
  switch (user.role) {
    case 'operator':
      return { role: 'operator', userId: user.id };
    case 'provider':
      return { role: 'provider', userId: user.id, providerId: required(user.providerId) };
    case 'enterprise':
      return { role: 'enterprise', userId: user.id, enterpriseId: required(user.enterpriseId) };
    case 'official':
      return { role: 'official', userId: user.id, regionCode: required(user.regionCode) };
  }
}

function required(value: string | null | undefined): string {
  if (!value) throw new Error('user record without the scope its role needs');
  return value;
}
