interface Denial {
  /** Access tokens issued at or before this second (JWT `iat`) are refused. */
  readonly issuedUpTo: number;
  /** Milliseconds; after this no token the denial covers can still be unexpired. */
  readonly until: number;
}

/**
 * People whose access tokens are refused before they expire (a disabled account). Access tokens
 * are verified without a database look-up, so every process keeps this small set, filled from
 * the bus (`user.disabled`). A denial covers the tokens issued up to the disable, by `iat`, and
 * is dropped once the longest-lived of them has expired: the set only ever holds people
 * disabled within the last ACCESS_TOKEN_TTL_S. A later sign-in (after re-enabling) issues
 * tokens with a later `iat`, so nothing needs lifting. `iat` has whole seconds, so a token
 * issued in the same second as the disable is refused too.
 */
export class UserDenyList {
  private readonly denials = new Map<string, Denial>();

  constructor(
    private readonly accessTokenTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses the person's access tokens issued up to `disabledAt`. Idempotent; the latest wins. */
  deny(userId: string, disabledAt: Date): void {
    const issuedUpTo = Math.floor(disabledAt.getTime() / 1000);
    // The last covered token expires at issuedUpTo + TTL; a second more for clocks apart.
    const until = (issuedUpTo + this.accessTokenTtlSeconds + 1) * 1000;
    const known = this.denials.get(userId);
    if (known && known.issuedUpTo >= issuedUpTo) return;
    this.denials.set(userId, { issuedUpTo, until });
  }

  /** Disables before this no longer matter: every token they covered has expired. */
  relevantSince(): Date {
    return new Date(this.now() - (this.accessTokenTtlSeconds + 1) * 1000);
  }

  /** Whether an access token of `userId` issued at `issuedAt` (seconds) must be refused. */
  refuses(userId: string, issuedAt: number): boolean {
    this.prune();
    const denial = this.denials.get(userId);
    return denial !== undefined && issuedAt <= denial.issuedUpTo;
  }

  private prune(): void {
    const now = this.now();
    for (const [userId, denial] of this.denials) {
      if (denial.until <= now) this.denials.delete(userId);
    }
  }
}
