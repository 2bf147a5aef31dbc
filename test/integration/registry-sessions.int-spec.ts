import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RefreshTokenService } from '#grip/auth';
import { createRegistryDataSource, RefreshTokenRepository, UserRepository } from '#grip/registry';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// Refresh tokens on both engines: rotation in one statement, reuse revokes the family,
// revocation per sign-in and per person, and nothing but a SHA-256 ever stored.

const HOOK_TIMEOUT_MS = 60_000;

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('refresh tokens', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let users: UserRepository;
  let service: RefreshTokenService;

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    users = new UserRepository(ds);
    service = new RefreshTokenService(new RefreshTokenRepository(ds), 3600, 86_400);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  const newUser = async () =>
    (await users.create({ username: `u-${randomUUID()}`, passwordHash: 'h', role: 'operator' })).id;

  describe(engine.name, () => {
    it('rotates, stores only hashes, and revokes the family when a spent token comes back', async () => {
      const userId = await newUser();
      const first = await service.issue(userId);
      const rotated = await service.rotate(first);
      if (rotated.kind !== 'rotated') throw new Error(`expected rotation, got ${rotated.kind}`);
      expect(rotated.session.userId).toBe(userId);

      const stored = JSON.stringify(
        await ds.query('SELECT * FROM refresh_tokens WHERE user_id = $1', [userId]),
      );
      expect(stored).not.toContain(first);
      expect(stored).not.toContain(rotated.refreshToken);

      await expect(service.rotate(first)).resolves.toMatchObject({
        kind: 'reused',
        session: rotated.session,
      });
      await expect(service.rotate(rotated.refreshToken)).resolves.toEqual({ kind: 'invalid' });
      const live = (await ds.query(
        'SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL',
        [userId],
      )) as { n: number }[];
      expect(live[0]!.n).toBe(0);
    });

    it('lets exactly one of two concurrent exchanges of the same token win', async () => {
      const token = await service.issue(await newUser());
      const outcomes = await Promise.all([service.rotate(token), service.rotate(token)]);
      expect(outcomes.filter((o) => o.kind === 'rotated')).toHaveLength(1);
    });

    it('logs out one sign-in, and revokes every sign-in of a person', async () => {
      const userId = await newUser();
      const a = await service.issue(userId);
      const b = await service.issue(userId);
      await service.revoke(a);
      await expect(service.rotate(a)).resolves.toEqual({ kind: 'invalid' });
      const c = await service.rotate(b);
      if (c.kind !== 'rotated') throw new Error('expected rotation');
      expect(await service.revokeUser(userId)).toBeGreaterThan(0);
      await expect(service.rotate(c.refreshToken)).resolves.toEqual({ kind: 'invalid' });
    });

    it('refuses an expired token', async () => {
      const shortLived = new RefreshTokenService(
        new RefreshTokenRepository(ds),
        3600,
        86_400,
        () => Date.now() - 7200_000,
      );
      const token = await shortLived.issue(await newUser());
      await expect(service.rotate(token)).resolves.toEqual({ kind: 'invalid' });
    });

    it('ends a sign-in past its maximum age, rotation or not, and says so', async () => {
      const userId = await newUser();
      // Signed in two hours ago with a one-hour maximum age; its tokens kept unexpired.
      const past = new RefreshTokenService(
        new RefreshTokenRepository(ds),
        3600,
        3600,
        () => Date.now() - 7200_000,
      );
      const freshen = () =>
        ds.query(`UPDATE refresh_tokens SET expires_at = now() + interval '1 hour' WHERE user_id = $1`, [
          userId,
        ]);
      const first = await past.issue(userId);
      await freshen();
      const rotated = await past.rotate(first);
      if (rotated.kind !== 'rotated') throw new Error(`expected rotation, got ${rotated.kind}`);
      await freshen();
      const capped = new RefreshTokenService(new RefreshTokenRepository(ds), 3600, 3600);
      await expect(capped.rotate(rotated.refreshToken)).resolves.toEqual({
        kind: 'ended',
        session: rotated.session,
      });
      // The successor carries the sign-in's start, not its own.
      const starts = (await ds.query(
        'SELECT DISTINCT session_started_at FROM refresh_tokens WHERE user_id = $1',
        [userId],
      )) as unknown[];
      expect(starts).toHaveLength(1);
      await expect(service.rotate(rotated.refreshToken)).resolves.toMatchObject({ kind: 'rotated' });
    });
  });
});
