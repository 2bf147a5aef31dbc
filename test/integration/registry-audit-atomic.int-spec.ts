import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail, type AuditAction } from '#grip/audit';
import { AccessTokenService, hashSecret, LoginThrottle, RefreshTokenService, type Actor } from '#grip/auth';
import { InProcessBus, type Subscription } from '#grip/bus';
import { makeCreditCode, REGISTRY_EVENTS_TOPIC, type RegistryEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { DEFAULT_METHODOLOGY } from '#grip/indicators';
import {
  AgentCredentialRepository,
  AuditLogRepository,
  createRegistryDataSource,
  DeclarationRepository,
  DeviceRepository,
  EnterpriseRepository,
  MethodologyRepository,
  ProviderRepository,
  RefreshTokenRepository,
  RegistryTransactions,
  UserRepository,
} from '#grip/registry';
import { AgentCredentialService } from '../../apps/admin-api/src/agent-credential.service.js';
import { DeclarationsController } from '../../apps/admin-api/src/declarations.controller.js';
import { DeviceService } from '../../apps/admin-api/src/device.service.js';
import type { CreateDeviceDto } from '../../apps/admin-api/src/dto/device.dto.js';
import type { DeclarationDto } from '../../apps/admin-api/src/dto/declaration.dto.js';
import type { PublishMethodologyDto } from '../../apps/admin-api/src/dto/methodology.dto.js';
import { LoginService } from '../../apps/admin-api/src/login.service.js';
import { MethodologyController } from '../../apps/admin-api/src/methodology.controller.js';
import { OnboardingService } from '../../apps/admin-api/src/onboarding.service.js';
import { embeddedEngine, serverEngine } from './support/registry-engines.js';

// Every single-item admin write and its audit entry are one transaction, on both engines: the
// admin services over the real registry, with a test-only trigger that makes the audit store
// refuse the entries of chosen actions. A refused entry must take its write (and its bus event)
// with it; an accepted one leaves the write and exactly one entry.

const HOOK_TIMEOUT_MS = 60_000;
const creditCode = () => makeCreditCode(`91440101MA${String(randomInt(1e7)).padStart(7, '0')}`);
const REFUSED = /test: the audit store refuses/;

describe.each([{ make: embeddedEngine }, { make: serverEngine }])('audited writes', ({ make }) => {
  const engine = make();
  let ds: DataSource;
  let bus: InProcessBus;
  let subscription: Subscription;
  const events: RegistryEvent[] = [];
  let onboarding: OnboardingService;
  let devices: DeviceService;
  let agents: AgentCredentialService;
  let declarations: DeclarationsController;
  let methodology: MethodologyController;
  let logins: LoginService;
  let refreshTokens: RefreshTokenService;
  let users: UserRepository;
  let operator: Actor;

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as { n: number }[])[0]!.n);
  const entries = (action: AuditAction, targetId?: string) =>
    targetId === undefined
      ? count('audit_log WHERE action = $1', [action])
      : count('audit_log WHERE action = $1 AND target_id = $2', [action, targetId]);

  /** Runs `work` while the audit store refuses entries of `action`. */
  async function refusing<T>(action: AuditAction, work: () => Promise<T>): Promise<T> {
    await ds.query('INSERT INTO test_refused_audit_actions (action) VALUES ($1)', [action]);
    try {
      return await work();
    } finally {
      await ds.query('DELETE FROM test_refused_audit_actions WHERE action = $1', [action]);
    }
  }

  beforeAll(async () => {
    ds = createRegistryDataSource({ url: await engine.start() });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    // Test-only: an honest failure of the append, raised by the database inside the statement.
    await ds.query('CREATE TABLE test_refused_audit_actions (action text PRIMARY KEY)');
    await ds.query(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM test_refused_audit_actions WHERE action = NEW.action) THEN
          RAISE EXCEPTION 'test: the audit store refuses %', NEW.action;
        END IF;
        RETURN NEW;
      END $$`);
    await ds.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);

    bus = new InProcessBus(1000);
    subscription = await bus.subscribe({
      topic: REGISTRY_EVENTS_TOPIC,
      groupId: 'test',
      maxBatchMessages: 100,
      maxWaitMs: 1,
      handler: async (batch) => {
        for (const m of batch) events.push(JSON.parse(m.value.toString()) as RegistryEvent);
      },
    });
    const audit = new AuditTrail(new AuditLogRepository(ds), new RegistryTransactions(ds));
    const providers = new ProviderRepository(ds);
    const enterprises = new EnterpriseRepository(ds);
    users = new UserRepository(ds);
    onboarding = new OnboardingService(providers, enterprises, users, audit);
    devices = new DeviceService(enterprises, new DeviceRepository(ds), bus, audit);
    agents = new AgentCredentialService(enterprises, new AgentCredentialRepository(ds), bus, audit);
    declarations = new DeclarationsController(new DeclarationRepository(ds), audit, bus);
    methodology = new MethodologyController(new MethodologyRepository(ds), audit);
    refreshTokens = new RefreshTokenService(new RefreshTokenRepository(ds), 3600, 86_400);
    logins = new LoginService(
      users,
      new AccessTokenService('k'.repeat(32), 60),
      new LoginThrottle({ maxFailures: 3 }),
      audit,
      refreshTokens,
    );
    operator = { principal: { role: 'operator', userId: randomUUID() }, requestId: 'r-1' };
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await subscription?.stop();
    await bus?.close();
    if (ds?.isInitialized) await ds.destroy();
    await engine.dispose();
  }, HOOK_TIMEOUT_MS);

  describe(engine.name, () => {
    it('keeps no provider, enterprise or user whose entry was refused, and one entry for each kept', async () => {
      const refusedCode = creditCode();
      await expect(
        refusing('provider.create', () =>
          onboarding.createProvider(operator, { name: 'P', creditCode: refusedCode }),
        ),
      ).rejects.toThrow(REFUSED);
      expect(await count('providers WHERE credit_code = $1', [refusedCode])).toBe(0);
      expect(await entries('provider.create')).toBe(0);

      const provider = await onboarding.createProvider(operator, { name: 'P', creditCode: refusedCode });
      expect(await entries('provider.create', provider.id)).toBe(1);
      expect(await entries('provider.create')).toBe(1);

      const enterpriseBody = {
        name: 'E',
        creditCode: creditCode(),
        regionCode: '440106',
        industryCode: 'C3911',
        providerId: provider.id,
      };
      await expect(
        refusing('enterprise.create', () => onboarding.createEnterprise(operator, enterpriseBody)),
      ).rejects.toThrow(REFUSED);
      expect(await count('enterprises WHERE credit_code = $1', [enterpriseBody.creditCode])).toBe(0);
      const enterprise = await onboarding.createEnterprise(operator, enterpriseBody);
      expect(await entries('enterprise.create', enterprise.id)).toBe(1);
      expect(await entries('enterprise.create')).toBe(1);

      const userBody = {
        username: `u-${randomUUID()}`,
        password: 'a long enough password',
        role: 'operator',
      } as const;
      await expect(refusing('user.create', () => onboarding.createUser(operator, userBody))).rejects.toThrow(
        REFUSED,
      );
      expect(await count('users WHERE username = $1', [userBody.username])).toBe(0);
      const user = await onboarding.createUser(operator, userBody);
      expect(await entries('user.create', user.id)).toBe(1);
      expect(await entries('user.create')).toBe(1);
    });

    it('keeps no device, agent change, declaration or methodology whose entry was refused, and publishes nothing for them', async () => {
      const provider = await onboarding.createProvider(operator, { name: 'P2', creditCode: creditCode() });
      const enterprise = await onboarding.createEnterprise(operator, {
        name: 'E2',
        creditCode: creditCode(),
        regionCode: '440106',
        industryCode: 'C3911',
        providerId: provider.id,
      });
      const published = () => events.filter((e) => e.enterpriseId === enterprise.id).map((e) => e.type);

      const device = {
        externalId: 'meter-main',
        name: 'Main meter',
        kind: 'meter',
        metrics: ['electricity.active_energy'],
        attributes: { meterScope: 'site' },
      } as CreateDeviceDto;
      await expect(
        refusing('device.create', () => devices.register(operator, enterprise.id, device)),
      ).rejects.toThrow(REFUSED);
      expect(await count('devices WHERE enterprise_id = $1', [enterprise.id])).toBe(0);
      expect(published()).toEqual([]);
      const registered = await devices.register(operator, enterprise.id, device);
      expect(await entries('device.create', registered.id)).toBe(1);
      expect(published()).toEqual(['device.registered']);

      await expect(
        refusing('agent.issue', () => agents.issue(operator, enterprise.id, { label: 'l' })),
      ).rejects.toThrow(REFUSED);
      expect(await count('agent_credentials WHERE enterprise_id = $1', [enterprise.id])).toBe(0);
      const issued = await agents.issue(operator, enterprise.id, { label: 'l' });
      expect(await entries('agent.issue', issued.agentId)).toBe(1);

      const secretHashOf = async () =>
        (
          (await ds.query('SELECT secret_hash FROM agent_credentials WHERE id = $1', [issued.agentId])) as {
            secret_hash: string;
          }[]
        )[0]!.secret_hash;
      const hashBefore = await secretHashOf();
      await expect(
        refusing('agent.rotate', () => agents.rotate(operator, issued.agentId, 60)),
      ).rejects.toThrow(REFUSED);
      expect(await secretHashOf()).toBe(hashBefore);
      expect(published()).toEqual(['device.registered']);
      await agents.rotate(operator, issued.agentId, 60);
      expect(await secretHashOf()).not.toBe(hashBefore);
      expect(await entries('agent.rotate', issued.agentId)).toBe(1);
      expect(published()).toEqual(['device.registered', 'credential.rotated']);

      await expect(refusing('agent.revoke', () => agents.revoke(operator, issued.agentId))).rejects.toThrow(
        REFUSED,
      );
      expect(await count('agent_credentials WHERE id = $1 AND revoked_at IS NULL', [issued.agentId])).toBe(1);
      expect(published()).toEqual(['device.registered', 'credential.rotated']);
      await agents.revoke(operator, issued.agentId);
      expect(await count('agent_credentials WHERE id = $1 AND revoked_at IS NULL', [issued.agentId])).toBe(0);
      expect(await entries('agent.revoke', issued.agentId)).toBe(1);
      expect(published()).toEqual(['device.registered', 'credential.rotated', 'credential.revoked']);

      const figures = { valueAdded: 1200, employees: 100 } as DeclarationDto;
      await expect(
        refusing('declaration.declare', () =>
          declarations.declare(operator, enterprise.id, '2026-01', figures),
        ),
      ).rejects.toThrow(REFUSED);
      expect(await count('declarations WHERE enterprise_id = $1', [enterprise.id])).toBe(0);
      const declared = await declarations.declare(operator, enterprise.id, '2026-01', figures);
      expect(declared.version).toBe(1);
      expect(await entries('declaration.declare', declared.id)).toBe(1);
      expect(published()).toContain('declaration.declared');

      const version = {
        version: `t.${randomInt(1e9)}`,
        factors: DEFAULT_METHODOLOGY.factors,
      } as PublishMethodologyDto;
      await expect(
        refusing('methodology.publish', () => methodology.publish(operator, version)),
      ).rejects.toThrow(REFUSED);
      expect(await count('methodology_versions WHERE version = $1', [version.version])).toBe(0);
      await methodology.publish(operator, version);
      expect(await entries('methodology.publish', version.version)).toBe(1);
    });

    it('numbers corrections declared at once in their own transactions, one entry each', async () => {
      const provider = await onboarding.createProvider(operator, { name: 'P3', creditCode: creditCode() });
      const enterprise = await onboarding.createEnterprise(operator, {
        name: 'E3',
        creditCode: creditCode(),
        regionCode: '440106',
        industryCode: 'C3911',
        providerId: provider.id,
      });
      // On the server the two transactions race for version 1: the loser's refused INSERT is
      // retried inside its savepoint instead of aborting its transaction.
      const declared = await Promise.all(
        [1, 2].map((n) =>
          declarations.declare(operator, enterprise.id, '2026-02', {
            valueAdded: n,
            employees: 1,
          } as DeclarationDto),
        ),
      );
      expect(declared.map((d) => d.version).sort()).toEqual([1, 2]);
      for (const d of declared) expect(await entries('declaration.declare', d.id)).toBe(1);
    });

    it('revokes a reused refresh token family together with its entry, or not at all', async () => {
      const user = await users.create({
        username: `s-${randomUUID()}`,
        passwordHash: await hashSecret('x'),
        role: 'official',
        regionCode: '440100',
      });
      const first = await refreshTokens.issue(user.id);
      const { refreshToken: second } = await logins.refresh(first);
      const live = () => count('refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [user.id]);
      expect(await live()).toBe(2);

      // The spent token again, while its entry would be refused: nothing is revoked.
      await expect(refusing('session.reuse_revoke', () => logins.refresh(first))).rejects.toThrow(REFUSED);
      expect(await live()).toBe(2);
      expect(await entries('session.reuse_revoke', user.id)).toBe(0);

      const refused = await logins.refresh(first).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).getStatus()).toBe(401);
      expect(await live()).toBe(0);
      expect(await entries('session.reuse_revoke', user.id)).toBe(1);
      await expect(logins.refresh(second)).rejects.toThrow(ApiError);
    });
  });
});
