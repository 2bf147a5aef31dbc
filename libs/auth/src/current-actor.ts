import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '#grip/contracts';
import { requestIdOf, sourceIpOf } from '#grip/http';
import type { Request } from 'express';

/** Who makes a change and from where: what the audit trail records beside the change itself. */
export interface Actor {
  readonly principal: Principal;
  readonly sourceIp?: string;
  readonly requestId?: string;
}

/** The authenticated person (HumanAuthGuard) with the request's source address and id. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentActor used on a route without HumanAuthGuard');
  return { principal: request.principal, sourceIp: sourceIpOf(request), requestId: requestIdOf(request) };
});
