import type { StoredIndicatorSet } from '#grip/telemetry-store';
import { freshness, type CurrentInputs } from './indicator-freshness.js';

const PERIOD_TO = new Date('2026-03-31T16:00:00Z');
const INGESTED = new Date('2026-04-01T00:10:00Z');

const stored = {
  methodologyVersion: '2026.1',
  computedUntil: PERIOD_TO,
  declarationVersions: { '2026-03': 2 },
  registerHash: 'h1',
  telemetryIngestedAt: INGESTED,
} as unknown as StoredIndicatorSet;

const current: CurrentInputs = {
  methodologyVersion: '2026.1',
  declarationVersions: { '2026-03': 2 },
  registerHash: 'h1',
  telemetryIngestedAt: INGESTED,
  periodTo: PERIOD_TO,
};

describe('freshness of a stored indicator set', () => {
  it('is fresh when every input is as it was', () => {
    expect(freshness(stored, current)).toEqual({ fresh: true });
    expect(freshness(stored, { ...current, telemetryIngestedAt: new Date(INGESTED.getTime() - 1) })).toEqual({
      fresh: true,
    });
  });

  it.each<[string, Partial<CurrentInputs> | undefined, Partial<StoredIndicatorSet> | undefined, string]>([
    ['nothing stored', undefined, undefined, 'not stored'],
    ['another methodology', { methodologyVersion: '2026.2' }, undefined, 'computed with methodology 2026.1'],
    [
      'a corrected declaration',
      { declarationVersions: { '2026-03': 3 } },
      undefined,
      'a declaration changed',
    ],
    ['a new declaration', undefined, { declarationVersions: {} }, 'a declaration changed'],
    ['a withdrawn month', { declarationVersions: {} }, undefined, 'a declaration changed'],
    ['a changed register', { registerHash: 'h2' }, undefined, 'the device register changed'],
    [
      'late telemetry',
      { telemetryIngestedAt: new Date(INGESTED.getTime() + 1) },
      undefined,
      'telemetry arrived after it was computed',
    ],
    ['first telemetry', undefined, { telemetryIngestedAt: null }, 'telemetry arrived after it was computed'],
    [
      'a running period',
      undefined,
      { computedUntil: new Date(PERIOD_TO.getTime() - 3_600_000) },
      'computed while the period was running',
    ],
  ])('is stale after %s', (_, now, then, reason) => {
    const set = now === undefined && then === undefined ? undefined : { ...stored, ...then };
    expect(freshness(set as StoredIndicatorSet | undefined, { ...current, ...now })).toEqual({
      fresh: false,
      reason,
    });
  });
});
