/**
 * Who is calling, as established by authentication. Every repository and ClickHouse query
 * takes the caller's principal explicitly and narrows its results to what it may see; the
 * scope never comes from a request body.
 */
export type Role = 'operator' | 'provider' | 'enterprise' | 'official';

export type Principal =
  | { readonly role: 'operator'; readonly userId: string }
  | { readonly role: 'provider'; readonly userId: string; readonly providerId: string }
  | { readonly role: 'enterprise'; readonly userId: string; readonly enterpriseId: string }
  | { readonly role: 'official'; readonly userId: string; readonly regionCode: string };

export const ROLES: readonly Role[] = ['operator', 'provider', 'enterprise', 'official'];
