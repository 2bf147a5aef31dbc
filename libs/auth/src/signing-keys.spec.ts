import { SigningKeys } from './signing-keys.js';

const DAY = 86_400_000;

describe('SigningKeys', () => {
  it('derives the same key for the same id on every replica, and different keys per id and secret', () => {
    let clock = 100 * DAY;
    const a = new SigningKeys('s'.repeat(32), 30, () => clock);
    const b = new SigningKeys('s'.repeat(32), 30, () => clock);
    const other = new SigningKeys('t'.repeat(32), 30, () => clock);
    const first = a.current();
    expect(first.kid).toBe('3'); // day 100 of 30-day periods
    expect(b.current()).toEqual(first);
    expect(other.current().key).not.toEqual(first.key);
    clock += 30 * DAY;
    expect(a.current().kid).toBe('4');
    expect(a.current().key).not.toEqual(first.key);
    expect(first.key).toHaveLength(32);
  });

  it('verifies with the current and the previous key only', () => {
    let clock = 90 * DAY; // the start of epoch 3
    const keys = new SigningKeys('s'.repeat(32), 30, () => clock);
    const signedIn3 = keys.current();
    clock += 30 * DAY; // epoch 4: 3 is the previous key
    expect(keys.forVerification('3')).toEqual(signedIn3.key);
    expect(keys.forVerification('4')).toEqual(keys.current().key);
    expect(keys.forVerification('5')).toBeUndefined(); // not yet
    clock += 30 * DAY; // epoch 5: 3 is too old
    expect(keys.forVerification('3')).toBeUndefined();
    for (const bad of [undefined, 4, '', '-1', '4.0', 'x', '1'.repeat(12)]) {
      expect(keys.forVerification(bad)).toBeUndefined();
    }
  });
});
