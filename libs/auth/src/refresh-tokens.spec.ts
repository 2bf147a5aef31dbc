import {
  RefreshSession,
  RefreshTokenService,
  RefreshTokenStore,
  refreshTokenHash,
} from './refresh-tokens.js';

interface Row extends RefreshSession {
  tokenHash: string;
  expiresAt: Date;
  sessionStartedAt: Date;
  spentAt: Date | null;
  revokedAt: Date | null;
}

/** The store's contract in memory; the registry's SQL version is tested on both engines. */
function memoryStore(clock: () => number): RefreshTokenStore & { rows: Row[] } {
  const rows: Row[] = [];
  return {
    rows,
    insert: async (input) => void rows.push({ ...input, spentAt: null, revokedAt: null }),
    exchange: async (hash, successor, expiresAt, sessionsFrom) => {
      const row = rows.find((r) => r.tokenHash === hash);
      if (!row || row.spentAt || row.revokedAt || row.expiresAt.getTime() <= clock()) return undefined;
      if (row.sessionStartedAt <= sessionsFrom) return undefined;
      row.spentAt = new Date(clock());
      rows.push({ ...row, tokenHash: successor, expiresAt, spentAt: null });
      return { userId: row.userId, familyId: row.familyId };
    },
    find: async (hash) => rows.find((r) => r.tokenHash === hash),
    revokeFamily: async (familyId) => {
      const live = rows.filter((r) => r.familyId === familyId && !r.revokedAt);
      for (const r of live) r.revokedAt = new Date(clock());
      return live.length;
    },
    revokeUser: async (userId) => {
      const live = rows.filter((r) => r.userId === userId && !r.revokedAt);
      for (const r of live) r.revokedAt = new Date(clock());
      return live.length;
    },
  };
}

describe('RefreshTokenService', () => {
  let clock: number;
  let store: ReturnType<typeof memoryStore>;
  let service: RefreshTokenService;

  beforeEach(() => {
    clock = 1_000_000;
    store = memoryStore(() => clock);
    service = new RefreshTokenService(store, 600, 3600, () => clock);
  });

  it('stores only the hash and rotates: each token works once and hands out its successor', async () => {
    const first = await service.issue('u1');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(store.rows)).not.toContain(first);
    expect(store.rows[0]!.tokenHash).toBe(refreshTokenHash(first));

    const second = await service.rotate(first);
    if (second.kind !== 'rotated') throw new Error(`expected rotation, got ${second.kind}`);
    expect(second.session.userId).toBe('u1');
    expect(second.refreshToken).not.toBe(first);
    const third = await service.rotate(second.refreshToken);
    expect(third).toMatchObject({ kind: 'rotated', session: second.session });
  });

  it('treats a spent token presented again as theft and revokes the whole family', async () => {
    const first = await service.issue('u1');
    const other = await service.issue('u1'); // another sign-in of the same person
    const rotated = await service.rotate(first);
    if (rotated.kind !== 'rotated') throw new Error('expected rotation');

    await expect(service.rotate(first)).resolves.toEqual({ kind: 'reused', session: rotated.session });
    // the legitimate holder's successor is dead too; the other sign-in is untouched
    await expect(service.rotate(rotated.refreshToken)).resolves.toEqual({ kind: 'invalid' });
    await expect(service.rotate(other)).resolves.toMatchObject({ kind: 'rotated' });
  });

  it('refuses expired, unknown, malformed and logged-out tokens', async () => {
    const token = await service.issue('u1');
    clock += 601_000;
    await expect(service.rotate(token)).resolves.toEqual({ kind: 'invalid' });
    await expect(service.rotate('x'.repeat(43))).resolves.toEqual({ kind: 'invalid' });
    await expect(service.rotate('short')).resolves.toEqual({ kind: 'invalid' });

    const live = await service.issue('u2');
    await expect(service.revoke(live)).resolves.toMatchObject({ userId: 'u2' });
    await expect(service.rotate(live)).resolves.toEqual({ kind: 'invalid' });
    await expect(service.revoke('y'.repeat(43))).resolves.toBeUndefined();
  });

  it('revokes every sign-in of a person', async () => {
    const a = await service.issue('u1');
    const b = await service.issue('u1');
    const c = await service.issue('u2');
    await expect(service.revokeUser('u1')).resolves.toBe(2);
    await expect(service.rotate(a)).resolves.toEqual({ kind: 'invalid' });
    await expect(service.rotate(b)).resolves.toEqual({ kind: 'invalid' });
    await expect(service.rotate(c)).resolves.toMatchObject({ kind: 'rotated' });
  });

  it('ends a sign-in at its maximum age however often it was rotated, and only that sign-in', async () => {
    let token = await service.issue('u1');
    // Rotated every 9 minutes: never idle for the 10-minute token lifetime …
    for (let minute = 9; minute < 60; minute += 9) {
      clock += 9 * 60_000;
      const rotated = await service.rotate(token);
      if (rotated.kind !== 'rotated')
        throw new Error(`expected rotation at ${minute} min, got ${rotated.kind}`);
      token = rotated.refreshToken;
    }
    const later = await service.issue('u1'); // a sign-in begun 54 minutes after the first
    clock += 6 * 60_000; // … but the first sign-in is now an hour old
    const ended = await service.rotate(token);
    expect(ended).toMatchObject({ kind: 'ended', session: { userId: 'u1' } });
    await expect(service.rotate(later)).resolves.toMatchObject({ kind: 'rotated' });
    // Expired and revoked tokens of an old sign-in stay plain invalid: nothing to tell.
    clock += 601_000;
    await expect(service.rotate(token)).resolves.toEqual({ kind: 'invalid' });
  });
});
