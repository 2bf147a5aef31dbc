import type { Actor } from '#grip/auth';
import type { AuditLogRepository, NewAuditEntry, RegistryTransactions } from '#grip/registry';
import { AuditTrail, scrub, SYSTEM_ACTOR } from './audit-trail.service.js';

// Stands in for the registry's units of work: says which appends ran inside one. That the
// database rolls a write back with its failed entry is shown in registry-audit-atomic.int-spec.ts.
class FakeTransactions {
  inside = false;
  runs = 0;
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.runs += 1;
    this.inside = true;
    try {
      return await work();
    } finally {
      this.inside = false;
    }
  }
}

describe('AuditTrail', () => {
  const actor: Actor = {
    principal: { role: 'provider', userId: 'u-1', providerId: 'p-1' },
    sourceIp: '198.51.100.4',
    requestId: 'r-1',
  };

  it('records who, what, from where, before and after', async () => {
    const entries: NewAuditEntry[] = [];
    const trail = new AuditTrail(
      { append: async (e: NewAuditEntry) => entries.push(e) } as unknown as AuditLogRepository,
      new FakeTransactions() as unknown as RegistryTransactions,
    );
    await trail.record(actor, {
      action: 'agent.revoke',
      targetType: 'agent',
      targetId: 'a-1',
      before: { revokedAt: null },
      after: { revokedAt: new Date('2026-03-01T00:00:00Z') },
    });
    await trail.record(SYSTEM_ACTOR, { action: 'user.create', targetType: 'user', targetId: 'u-2' });
    expect(entries).toEqual([
      {
        actorUserId: 'u-1',
        actorRole: 'provider',
        sourceIp: '198.51.100.4',
        requestId: 'r-1',
        action: 'agent.revoke',
        targetType: 'agent',
        targetId: 'a-1',
        before: { revokedAt: null },
        after: { revokedAt: '2026-03-01T00:00:00.000Z' },
      },
      {
        actorUserId: null,
        actorRole: 'system',
        sourceIp: null,
        requestId: null,
        action: 'user.create',
        targetType: 'user',
        targetId: 'u-2',
        before: null,
        after: null,
      },
    ]);
  });

  it('fails the request when the entry cannot be stored', async () => {
    const trail = new AuditTrail(
      { append: async () => Promise.reject(new Error('db down')) } as unknown as AuditLogRepository,
      new FakeTransactions() as unknown as RegistryTransactions,
    );
    await expect(
      trail.record(actor, { action: 'user.create', targetType: 'user', targetId: 'u' }),
    ).rejects.toThrow('db down');
    // Thrown out of the unit of work, so the write rolls back with it.
    await expect(
      trail.recorded(actor, async () => ({
        result: 'written',
        change: { action: 'user.create', targetType: 'user', targetId: 'u' },
      })),
    ).rejects.toThrow('db down');
  });

  it("appends a write's entry inside its unit of work, and nothing when there is no change", async () => {
    const transactions = new FakeTransactions();
    const appended: { action: string; inside: boolean }[] = [];
    const trail = new AuditTrail(
      {
        append: async (e: NewAuditEntry) => appended.push({ action: e.action, inside: transactions.inside }),
      } as unknown as AuditLogRepository,
      transactions as unknown as RegistryTransactions,
    );
    const written: boolean[] = [];
    const result = await trail.recorded(actor, async () => {
      written.push(transactions.inside);
      return { result: 42, change: { action: 'device.create', targetType: 'device', targetId: 'd-1' } };
    });
    expect(result).toBe(42);
    expect(written).toEqual([true]);
    expect(appended).toEqual([{ action: 'device.create', inside: true }]);

    await expect(
      trail.recorded(SYSTEM_ACTOR, async () => ({ result: 'none', change: undefined })),
    ).resolves.toBe('none');
    expect(appended).toHaveLength(1);
    expect(transactions.runs).toBe(2);
  });

  it('appends nothing when the write fails', async () => {
    const appended: NewAuditEntry[] = [];
    const trail = new AuditTrail(
      { append: async (e: NewAuditEntry) => appended.push(e) } as unknown as AuditLogRepository,
      new FakeTransactions() as unknown as RegistryTransactions,
    );
    await expect(
      trail.recorded(actor, () => Promise.reject(new Error('duplicate credit code'))),
    ).rejects.toThrow('duplicate credit code');
    expect(appended).toEqual([]);
  });

  it('drops secret-looking fields at any depth', () => {
    expect(
      scrub({
        username: 'u',
        password: 'p',
        passwordHash: 'h',
        nested: { secret: 's', token: 't', kept: 1 },
        list: [{ secretHash: 'x', name: 'n' }],
      }),
    ).toEqual({ username: 'u', nested: { kept: 1 }, list: [{ name: 'n' }] });
  });
});
