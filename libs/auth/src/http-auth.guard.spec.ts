import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { generateKeyPair, SignJWT } from 'jose';
import { AccessTokenService } from './access-token.service.js';
import { HumanAuthGuard } from './http-auth.guard.js';
import type { OidcVerifier } from './oidc-verifier.js';
import { UserDenyList } from './user-deny-list.js';

const context = (authorization?: string): ExecutionContext => {
  const request = { headers: authorization ? { authorization } : {} };
  return {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => () => undefined,
    getClass: () => class {},
  } as unknown as ExecutionContext;
};

describe('HumanAuthGuard', () => {
  const tokens = new AccessTokenService('g'.repeat(32), 60);
  const denied = new UserDenyList(60);
  const idpUser: Principal = { role: 'official', userId: 'u9', regionCode: '440100' };
  const oidcCalls: string[] = [];
  const oidc = {
    verify: async (token: string) => {
      oidcCalls.push(token);
      return idpUser;
    },
  } as unknown as OidcVerifier;

  const outcome = (guard: HumanAuthGuard, ctx: ExecutionContext) =>
    guard.canActivate(ctx).then(
      () => (ctx.switchToHttp().getRequest() as { principal?: Principal }).principal,
      (e: unknown) => (e instanceof ApiError ? e.getStatus() : Promise.reject(e)),
    );

  it('sends our HS256 tokens to our verifier, other tokens to the IdP only when configured', async () => {
    const ours = (await tokens.issue({ role: 'operator', userId: 'u1' })).accessToken;
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setExpirationTime('1m')
      .sign(privateKey);

    const without = new HumanAuthGuard(tokens, denied, new Reflector());
    await expect(outcome(without, context(`Bearer ${ours}`))).resolves.toEqual({
      role: 'operator',
      userId: 'u1',
    });
    await expect(outcome(without, context(`Bearer ${foreign}`))).resolves.toBe(401);
    await expect(outcome(without, context())).resolves.toBe(401);

    const withIdp = new HumanAuthGuard(tokens, denied, new Reflector(), oidc);
    await expect(outcome(withIdp, context(`Bearer ${foreign}`))).resolves.toEqual(idpUser);
    await expect(outcome(withIdp, context(`Bearer ${ours}`))).resolves.toEqual({
      role: 'operator',
      userId: 'u1',
    });
    expect(oidcCalls).toEqual([foreign]); // our tokens never reach the IdP path
  });

  it('refuses our tokens of a person disabled after they were issued, at once', async () => {
    const guard = new HumanAuthGuard(tokens, denied, new Reflector());
    const disabled = (await tokens.issue({ role: 'enterprise', userId: 'u2', enterpriseId: 'e1' }))
      .accessToken;
    const other = (await tokens.issue({ role: 'operator', userId: 'u3' })).accessToken;
    await expect(outcome(guard, context(`Bearer ${disabled}`))).resolves.toMatchObject({ userId: 'u2' });
    denied.deny('u2', new Date());
    await expect(outcome(guard, context(`Bearer ${disabled}`))).resolves.toBe(401);
    await expect(outcome(guard, context(`Bearer ${other}`))).resolves.toMatchObject({ userId: 'u3' });
  });
});
