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
});
