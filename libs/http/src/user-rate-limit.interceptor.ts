import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ApiError } from './api-error.js';
import { TokenBuckets } from './token-buckets.js';

/** Set on the request by the human authentication guard (libs/auth). */
interface WithPrincipal {
  principal?: { userId: string };
}

/**
 * Per-user request rate for people's endpoints: a bucket of `perMinute` requests refilled over a
 * minute. Interceptors run after guards, so only authenticated people are counted, under their
 * user id; agents have their own limits in the ingest path and login has its own backoff.
 */
@Injectable()
export class UserRateLimitInterceptor implements NestInterceptor {
  private readonly buckets: TokenBuckets;

  constructor(perMinute: number, now?: () => number) {
    this.buckets = new TokenBuckets({ capacity: perMinute, refillPerSecond: perMinute / 60, now });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const userId = context.switchToHttp().getRequest<WithPrincipal>().principal?.userId;
      const result = userId === undefined ? undefined : this.buckets.take(userId);
      if (result && !result.ok) {
        throw ApiError.rateLimited('too many requests for this user', result.retryAfterSeconds);
      }
    }
    return next.handle();
  }
}
