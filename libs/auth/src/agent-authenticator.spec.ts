import { AgentAuthenticator, AgentCredentialRecord } from './agent-authenticator.js';
import { hashSecret } from './secret-hasher.js';

const AGENT = '0b6f3a52-8d4e-4f7a-9a61-2f1e1c0d9b11';
const SECRET = 'q'.repeat(43);

describe('AgentAuthenticator', () => {
  let records: Map<string, AgentCredentialRecord>;
  let lookups: number;
  let clock: number;
  let auth: AgentAuthenticator;

  beforeEach(async () => {
    records = new Map([[AGENT, { id: AGENT, enterpriseId: 'ent-1', secretHash: await hashSecret(SECRET) }]]);
    lookups = 0;
    clock = 0;
    auth = new AgentAuthenticator(
      {
        findActive: async (id) => {
          lookups += 1;
          return records.get(id);
        },
      },
      1000,
      () => clock,
    );
  });

  it('accepts the issued secret and remembers it', async () => {
    await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toEqual({
      agentId: AGENT,
      enterpriseId: 'ent-1',
    });
    await auth.authenticate(`${AGENT}.${SECRET}`);
    expect(lookups).toBe(1);
  });

  it('refuses a wrong secret, a malformed token and an unknown agent', async () => {
    await expect(auth.authenticate(`${AGENT}.${'r'.repeat(43)}`)).resolves.toBeUndefined();
    await expect(auth.authenticate(`${AGENT}`)).resolves.toBeUndefined();
    await expect(auth.authenticate(`not-a-uuid.${SECRET}`)).resolves.toBeUndefined();
    await expect(
      auth.authenticate(`1b6f3a52-8d4e-4f7a-9a61-2f1e1c0d9b11.${SECRET}`),
    ).resolves.toBeUndefined();
  });

  it('forgets a revoked agent at once', async () => {
    await auth.authenticate(`${AGENT}.${SECRET}`);
    records.delete(AGENT);
    auth.revoke(AGENT);
    await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toBeUndefined();
  });

  it('checks the store again when the cache entry expires', async () => {
    await auth.authenticate(`${AGENT}.${SECRET}`);
    records.delete(AGENT);
    clock = 1001;
    await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toBeUndefined();
  });

  describe('during a rotation', () => {
    const NEW = 'n'.repeat(43);
    const rotate = async (overlapUntil: number) => {
      records.set(AGENT, {
        id: AGENT,
        enterpriseId: 'ent-1',
        secretHash: await hashSecret(NEW),
        previousSecretHash: records.get(AGENT)!.secretHash,
        previousValidUntil: new Date(overlapUntil),
      });
    };

    it('accepts both secrets until the overlap ends, then only the new one', async () => {
      await rotate(500);
      await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toMatchObject({ agentId: AGENT });
      await expect(auth.authenticate(`${AGENT}.${NEW}`)).resolves.toMatchObject({ agentId: AGENT });
      clock = 500; // the overlap is over; the cache (TTL 1000) must not keep the old secret alive
      await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toBeUndefined();
      await expect(auth.authenticate(`${AGENT}.${NEW}`)).resolves.toMatchObject({ agentId: AGENT });
    });

    it('refuses the old secret at once when the overlap is zero, and after a revocation', async () => {
      await rotate(0);
      await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toBeUndefined();
      await expect(auth.authenticate(`${AGENT}.${NEW}`)).resolves.toBeDefined();
      records.delete(AGENT);
      auth.revoke(AGENT);
      await expect(auth.authenticate(`${AGENT}.${NEW}`)).resolves.toBeUndefined();
    });

    it('remembers no secret beyond the credential expiry', async () => {
      records.set(AGENT, { ...records.get(AGENT)!, expiresAt: new Date(300) });
      await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toBeDefined();
      clock = 300;
      records.delete(AGENT); // the store no longer returns an expired credential
      await expect(auth.authenticate(`${AGENT}.${SECRET}`)).resolves.toBeUndefined();
    });
  });

  it('tells the sightings of each success with the source address, and of no failure', async () => {
    const seen: [string, string | undefined][] = [];
    const watched = new AgentAuthenticator({ findActive: async (id) => records.get(id) }, 1000, () => clock, {
      seen: (id, address) => seen.push([id, address]),
    });
    await watched.authenticate(`${AGENT}.${SECRET}`, '203.0.113.9');
    await watched.authenticate(`${AGENT}.${SECRET}`, '203.0.113.9'); // from the cache: still a sighting
    await watched.authenticate(`${AGENT}.${'r'.repeat(43)}`, '198.51.100.1');
    expect(seen).toEqual([
      [AGENT, '203.0.113.9'],
      [AGENT, '203.0.113.9'],
    ]);
  });
});
