import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal, Role } from '#grip/contracts';
import { ApiError, sourceIpOf } from '#grip/http';
import type { Request } from 'express';
import { AccessTokenService, isLocalToken } from './access-token.service.js';
import { AgentAuthenticator, AgentPrincipal } from './agent-authenticator.js';
import { OidcVerifier } from './oidc-verifier.js';
import { UserDenyList } from './user-deny-list.js';

const ROLES_KEY = 'grip:roles';

/** The roles allowed on a handler or controller; without it any authenticated person may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

type AuthenticatedRequest = Request & { principal?: Principal; agent?: AgentPrincipal };

function bearer(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

/**
 * Authenticates people by access token (ours, HS256; or, when OIDC is configured, the identity
 * provider's, RS256/ES256) and checks the handler's roles. Our tokens of a person disabled since
 * they were issued are refused (the deny list); the OIDC path looks the user up every time.
 */
@Injectable()
export class HumanAuthGuard implements CanActivate {
  constructor(
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(UserDenyList) private readonly denied: UserDenyList,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Optional() @Inject(OidcVerifier) private readonly oidc?: OidcVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearer(request);
    const principal = token ? await this.verify(token) : undefined;
    if (!principal) throw ApiError.unauthorized();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(principal.role)) throw ApiError.forbidden();
    request.principal = principal;
    return true;
  }

  private async verify(token: string): Promise<Principal | undefined> {
    if (!isLocalToken(token)) return this.oidc?.verify(token);
    const verified = await this.tokens.verifyIssued(token);
    if (!verified || this.denied.refuses(verified.principal.userId, verified.issuedAt)) return undefined;
    return verified.principal;
  }
}

/** Authenticates edge agents by `<agentId>.<secret>`. */
@Injectable()
export class AgentAuthGuard implements CanActivate {
  constructor(@Inject(AgentAuthenticator) private readonly agents: AgentAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearer(request);
    const agent = token ? await this.agents.authenticate(token, sourceIpOf(request)) : undefined;
    if (!agent) throw ApiError.unauthorized('missing, invalid or revoked agent credentials');
    request.agent = agent;
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without HumanAuthGuard');
  return principal;
});

export const CurrentAgent = createParamDecorator((_: unknown, context: ExecutionContext): AgentPrincipal => {
  const agent = context.switchToHttp().getRequest<AuthenticatedRequest>().agent;
  if (!agent) throw new Error('CurrentAgent used on a route without AgentAuthGuard');
  return agent;
});
