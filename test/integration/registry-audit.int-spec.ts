import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '#grip/contracts';
import {
  AgentCredentialRepository,
  AuditLogRepository,
  createRegistryDataSource,
  EnterpriseRepository,
  ForbiddenError,
  ProviderRepository,
  type NewAuditEntry,
} from '#grip/registry';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// The audit log on both engines: append-only enforced by the database, whatever the client.

const HOOK_TIMEOUT_MS = 60_000;
const operator: Principal = { role: 'operator', userId: randomUUID() };

const entry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  actorUserId: operator.userId,
  actorRole: 'operator',
  action: 'enterprise.create',
  targetType: 'enterprise',
  targetId: randomUUID(),
  sourceIp: '203.0.113.7',
  requestId: 'req-1',
  before: null,
  after: { name: 'E', tags: ['a', 'b'] },
  ...over,
});

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('audit log', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let audit: AuditLogRepository;

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    audit = new AuditLogRepository(ds);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  describe(engine.name, () => {
    it('appends entries with JSON before/after and lists them newest first, filtered and paginated', async () => {
      const first = await audit.append(entry({ action: 'provider.create', targetType: 'provider' }));
      const other = randomUUID();
      await audit.append(entry({ actorUserId: other, actorRole: 'provider' }));
      const last = await audit.append(
        entry({ action: 'agent.revoke', targetType: 'agent', before: { revokedAt: null } }),
      );
      expect(first.id).toMatch(/^[0-9a-f-]{36}$/);

      const all = await audit.list(operator, { pageSize: 2 });
      expect(all.total).toBe(3);
      expect(all.items.map((e) => e.action)).toEqual(['agent.revoke', 'enterprise.create']);
      expect(all.items[0]).toMatchObject({
        id: last.id,
        actorRole: 'operator',
        sourceIp: '203.0.113.7',
        requestId: 'req-1',
        before: { revokedAt: null },
        after: { name: 'E', tags: ['a', 'b'] },
      });
      expect(all.items[0]!.at).toBeInstanceOf(Date);
      expect((await audit.list(operator, { page: 2, pageSize: 2 })).items.map((e) => e.id)).toEqual([
        first.id,
      ]);

      expect((await audit.list(operator, { actorUserId: other })).items).toHaveLength(1);
      expect((await audit.list(operator, { action: 'provider.create' })).total).toBe(1);
      expect((await audit.list(operator, { targetType: 'agent', targetId: last.targetId! })).total).toBe(1);
      expect(await audit.list(operator, { actorUserId: 'not-a-uuid' })).toMatchObject({ total: 0 });
    });

    it('is read by operators only', async () => {
      const provider: Principal = { role: 'provider', userId: randomUUID(), providerId: randomUUID() };
      await expect(audit.list(provider)).rejects.toThrow(ForbiddenError);
      await expect(
        audit.list({ role: 'official', userId: randomUUID(), regionCode: '440000' }),
      ).rejects.toThrow(ForbiddenError);
    });

    it('refuses UPDATE, DELETE and TRUNCATE in the database, even as raw SQL', async () => {
      const { id } = await audit.append(entry());
      const refused = /audit_log is append-only/;
      await expect(
        ds.query(`UPDATE audit_log SET action = 'enterprise.delete' WHERE id = $1`, [id]),
      ).rejects.toThrow(refused);
      await expect(ds.query('UPDATE audit_log SET after = NULL')).rejects.toThrow(refused);
      await expect(ds.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(refused);
      await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(refused);
      const rows = (await ds.query('SELECT action FROM audit_log WHERE id = $1', [id])) as {
        action: string;
      }[];
      expect(rows).toEqual([{ action: 'enterprise.create' }]);
    });

    it('refuses entries the schema does not allow', async () => {
      await expect(audit.append(entry({ actorRole: 'root' as never }))).rejects.toThrow();
      await expect(audit.append(entry({ action: 'DROP TABLE' }))).rejects.toThrow();
    });

    it('tells a first revocation from a repeated one, for the audit trail', async () => {
      const providers = new ProviderRepository(ds);
      const p = await providers.create({ name: 'P', creditCode: `91440101MA${randomUUID().slice(0, 8)}` });
      const e = await new EnterpriseRepository(ds).create(
        { role: 'provider', userId: randomUUID(), providerId: p.id },
        {
          name: 'E',
          creditCode: `91440101MB${randomUUID().slice(0, 8)}`,
          regionCode: '440106',
          industryCode: 'C3911',
        },
      );
      const agents = new AgentCredentialRepository(ds);
      const agentId = await agents.create(e.id, 'hash');
      const first = await agents.revoke(operator, agentId);
      const again = await agents.revoke(operator, agentId);
      expect(first).toMatchObject({ agentId, newlyRevoked: true });
      expect(again).toMatchObject({ agentId, newlyRevoked: false, revokedAt: first!.revokedAt });
    });

    it('undoes and redoes its migration', async () => {
      // Undo the migrations applied after it, then it, and run them all again.
      const undone: string[] = [];
      while (!undone.includes('AuditLog1700000000003')) {
        const [last] = await ds.query(`SELECT name FROM registry_migrations ORDER BY id DESC LIMIT 1`);
        undone.unshift((last as { name: string }).name);
        await ds.undoLastMigration({ transaction: 'each' });
      }
      await expect(ds.query('SELECT 1 FROM audit_log')).rejects.toThrow();
      expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(undone);
      expect(await audit.list(operator)).toMatchObject({ total: 0 });
    });
  });
});
