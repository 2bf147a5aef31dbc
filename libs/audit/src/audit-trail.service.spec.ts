import type { Actor } from '#grip/auth';
import type { AuditLogRepository, NewAuditEntry } from '#grip/registry';
import { AuditTrail, scrub, SYSTEM_ACTOR } from './audit-trail.service.js';

describe('AuditTrail', () => {
  const actor: Actor = {
    principal: { role: 'provider', userId: 'u-1', providerId: 'p-1' },
    sourceIp: '198.51.100.4',
    requestId: 'r-1',
  };

  it('records who, what, from where, before and after', async () => {
    const entries: NewAuditEntry[] = [];
    const trail = new AuditTrail({
      append: async (e: NewAuditEntry) => entries.push(e),
    } as unknown as AuditLogRepository);
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
    const trail = new AuditTrail({
      append: async () => Promise.reject(new Error('db down')),
    } as unknown as AuditLogRepository);
    await expect(
      trail.record(actor, { action: 'user.create', targetType: 'user', targetId: 'u' }),
    ).rejects.toThrow('db down');
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
