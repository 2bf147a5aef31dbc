import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AgentAuthenticator, hashSecret } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import {
  AgentCredentialRepository,
  createRegistryDataSource,
  EnterpriseRepository,
  ForbiddenError,
  ProviderRepository,
} from '#grip/registry';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// The agent-credential lifecycle on both engines: list, rotate with an overlap, revoke ending
// it, expiry, last seen with the source address; and the authenticator over the real store.

const HOOK_TIMEOUT_MS = 60_000;
const creditCode = () => `91440101MA${randomBytes(4).toString('hex')}`;
const asProvider = (providerId: string): Principal => ({
  role: 'provider',
  userId: randomUUID(),
  providerId,
});

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('agent credentials', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let agents: AgentCredentialRepository;
  let world: { a: Principal; b: Principal; enterpriseId: string };

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    agents = new AgentCredentialRepository(ds);
    const providers = new ProviderRepository(ds);
    const a = asProvider((await providers.create({ name: 'A', creditCode: creditCode() })).id);
    const b = asProvider((await providers.create({ name: 'B', creditCode: creditCode() })).id);
    const enterprise = await new EnterpriseRepository(ds).create(a, {
      name: 'E',
      creditCode: creditCode(),
      regionCode: '440106',
      industryCode: 'C3911',
    });
    world = { a, b, enterpriseId: enterprise.id };
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  describe(engine.name, () => {
    it('rotates with an overlap in scope only, and a revocation ends credential and overlap', async () => {
      const { a, b, enterpriseId } = world;
      const oldSecret = 'o'.repeat(43);
      const newSecret = 'n'.repeat(43);
      const agentId = await agents.create(enterpriseId, await hashSecret(oldSecret), { label: 'line 1' });
      const auth = new AgentAuthenticator(agents, 60_000);

      expect(await agents.rotate(b, agentId, 'x', 60)).toBeUndefined(); // another provider: not visible
      await expect(
        agents.rotate({ role: 'official', userId: randomUUID(), regionCode: '440000' }, agentId, 'x', 60),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const rotated = await agents.rotate(a, agentId, await hashSecret(newSecret), 3600);
      expect(rotated).toMatchObject({ agentId, enterpriseId });
      const overlap = rotated!.previousValidUntil.getTime() - Date.now();
      expect(overlap).toBeGreaterThan(3500_000);
      expect(overlap).toBeLessThanOrEqual(3600_000);

      await expect(auth.authenticate(`${agentId}.${oldSecret}`)).resolves.toMatchObject({ agentId });
      await expect(auth.authenticate(`${agentId}.${newSecret}`)).resolves.toMatchObject({ agentId });

      expect(await agents.revoke(a, agentId)).toMatchObject({ newlyRevoked: true });
      auth.revoke(agentId); // what the credential.revoked event does in each gateway
      await expect(auth.authenticate(`${agentId}.${oldSecret}`)).resolves.toBeUndefined();
      await expect(auth.authenticate(`${agentId}.${newSecret}`)).resolves.toBeUndefined();
      expect(await agents.rotate(a, agentId, 'x', 60)).toBeUndefined(); // a revoked credential stays revoked
    });

    it('drops the old secret at once with a zero overlap', async () => {
      const oldSecret = 'p'.repeat(43);
      const agentId = await agents.create(world.enterpriseId, await hashSecret(oldSecret));
      await agents.rotate(world.a, agentId, await hashSecret('q'.repeat(43)), 0);
      const found = await agents.findActive(agentId);
      expect(found).toMatchObject({ previousSecretHash: null, previousValidUntil: null });
      await expect(
        new AgentAuthenticator(agents).authenticate(`${agentId}.${oldSecret}`),
      ).resolves.toBeUndefined();
    });

    it('refuses an expired credential', async () => {
      const agentId = await agents.create(world.enterpriseId, 'h', {
        expiresAt: new Date(Date.now() - 1000),
      });
      expect(await agents.findActive(agentId)).toBeUndefined();
      expect(await agents.rotate(world.a, agentId, 'x', 60)).toBeUndefined();
    });

    it('lists an enterprise credentials paginated with last seen, never a hash', async () => {
      const { enterpriseId } = world;
      const agentId = await agents.create(enterpriseId, 'secret-hash-value', { label: 'listed' });
      await agents.touchLastSeen(agentId, new Date('2026-03-01T08:00:00Z'), '203.0.113.7');
      const all = await agents.listForEnterprise(enterpriseId, { pageSize: 200 });
      expect(all.total).toBeGreaterThanOrEqual(4);
      const listed = all.items.find((i) => i.agentId === agentId);
      expect(listed).toMatchObject({
        label: 'listed',
        lastSeenAt: new Date('2026-03-01T08:00:00Z'),
        lastSeenAddress: '203.0.113.7',
        revokedAt: null,
        expiresAt: null,
      });
      expect(JSON.stringify(all)).not.toMatch(/hash/i);
      const second = await agents.listForEnterprise(enterpriseId, { page: 2, pageSize: 1 });
      expect(second.items).toEqual([all.items[1]]);
      expect((await agents.listForEnterprise(randomUUID())).total).toBe(0);
    });
  });
});
