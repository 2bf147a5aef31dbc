import type { StoredIndicatorSet } from '#grip/telemetry-store';

/** What the inputs of a set look like now, read cheaply before deciding to recompute. */
export interface CurrentInputs {
  readonly methodologyVersion: string;
  /** Current declaration version per month of the period. */
  readonly declarationVersions: Readonly<Record<string, number>>;
  readonly registerHash: string;
  /** Latest `ingested_at` of the period's telemetry now; null when there is none. */
  readonly telemetryIngestedAt: Date | null;
  /** End of the period (exclusive). */
  readonly periodTo: Date;
}

export type Freshness = { readonly fresh: true } | { readonly fresh: false; readonly reason: string };

/**
 * Whether a stored set may be served instead of computing (docs/indicators.md §8). Stale when
 * any input it was computed from has changed since: another methodology version, a corrected
 * (or new) declaration, a changed device register, telemetry ingested later than the newest
 * it saw — or when the period was still running when it was computed.
 */
export function freshness(stored: StoredIndicatorSet | undefined, current: CurrentInputs): Freshness {
  if (!stored) return { fresh: false, reason: 'not stored' };
  if (stored.methodologyVersion !== current.methodologyVersion) {
    return { fresh: false, reason: `computed with methodology ${stored.methodologyVersion}` };
  }
  if (stored.computedUntil.getTime() < current.periodTo.getTime()) {
    return { fresh: false, reason: 'computed while the period was running' };
  }
  if (!sameVersions(stored.declarationVersions, current.declarationVersions)) {
    return { fresh: false, reason: 'a declaration changed' };
  }
  if (stored.registerHash !== current.registerHash)
    return { fresh: false, reason: 'the device register changed' };
  const now = current.telemetryIngestedAt?.getTime();
  const then = stored.telemetryIngestedAt?.getTime();
  if (now !== undefined && (then === undefined || now > then)) {
    return { fresh: false, reason: 'telemetry arrived after it was computed' };
  }
  return { fresh: true };
}

function sameVersions(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
