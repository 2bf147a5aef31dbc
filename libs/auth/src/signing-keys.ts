import { hkdfSync } from 'node:crypto';

const DAY_MS = 86_400_000;
// Fixed salt and a versioned label: a change of derivation must change every key.
const SALT = 'grip/access-token-signing';
const INFO_PREFIX = 'grip access-token key v1 epoch ';

/**
 * The access-token signing keys, derived from the master secret by HKDF-SHA256 per key id.
 * Nothing is stored: every replica sharing GRIP_JWT_SECRET derives the same key for the same
 * id. The key id is the rotation epoch (days since 1970 divided by the rotation period), so a
 * new key starts every `rotationDays`; verification accepts the current key and the previous
 * one only, so a token signed just before a rotation stays valid for its (short) lifetime.
 */
export class SigningKeys {
  private readonly periodMs: number;
  private readonly derived = new Map<number, Uint8Array>();

  constructor(
    private readonly masterSecret: string,
    rotationDays: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(rotationDays > 0)) throw new Error('rotationDays must be positive');
    this.periodMs = rotationDays * DAY_MS;
  }

  /** The key to sign with now, and its id. */
  current(): { kid: string; key: Uint8Array } {
    const epoch = this.epochNow();
    return { kid: String(epoch), key: this.derive(epoch) };
  }

  /** The key a token names, if it is the current or the previous one; undefined otherwise. */
  forVerification(kid: unknown): Uint8Array | undefined {
    if (typeof kid !== 'string' || !/^\d{1,9}$/.test(kid)) return undefined;
    const epoch = Number(kid);
    const current = this.epochNow();
    return epoch === current || epoch === current - 1 ? this.derive(epoch) : undefined;
  }

  private epochNow(): number {
    return Math.floor(this.now() / this.periodMs);
  }

  private derive(epoch: number): Uint8Array {
    let key = this.derived.get(epoch);
    if (!key) {
      key = new Uint8Array(hkdfSync('sha256', this.masterSecret, SALT, `${INFO_PREFIX}${epoch}`, 32));
      // Only two epochs are ever asked for; keep the map from growing in a long-lived process.
      if (this.derived.size >= 4) this.derived.clear();
      this.derived.set(epoch, key);
    }
    return key;
  }
}
