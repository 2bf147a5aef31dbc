import { LoginThrottle } from './login-throttle.js';

const MINUTE = 60_000;

describe('LoginThrottle', () => {
  let clock: number;
  let throttle: LoginThrottle;
  const fail = (username = 'alice') => expect(throttle.begin(username)).toEqual({ ok: true });

  beforeEach(() => {
    clock = 10_000_000;
    throttle = new LoginThrottle({ maxFailures: 3, now: () => clock });
  });

  it('refuses a username after maxFailures failures, saying when to come back', () => {
    fail();
    fail();
    fail();
    expect(throttle.begin('alice')).toEqual({ ok: false, retryAfterSeconds: 30 });
    clock += 10_000;
    expect(throttle.begin('alice')).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(throttle.begin('bob')).toEqual({ ok: true });
  });

  it('tells how long a username is locked, and that others are not', () => {
    fail();
    fail();
    expect(throttle.lockedFor('alice')).toBe(0);
    fail();
    expect(throttle.lockedFor('alice')).toBe(30);
    expect(throttle.lockedFor('bob')).toBe(0);
    clock += 30_000;
    expect(throttle.lockedFor('alice')).toBe(0);
  });

  it('doubles the refusal with each further failure, up to 15 minutes', () => {
    for (let i = 0; i < 3; i++) fail();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const gate = throttle.begin('alice');
      if (gate.ok) throw new Error('expected a refusal');
      waits.push(gate.retryAfterSeconds);
      clock += gate.retryAfterSeconds * 1000;
      fail(); // the attempt after the wait fails again
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('forgets failures after 15 quiet minutes, and at once after a success', () => {
    fail();
    fail();
    clock += 15 * MINUTE + 1;
    fail();
    fail();
    throttle.succeeded('alice');
    fail();
    fail();
    fail();
    expect(throttle.begin('alice').ok).toBe(false);
  });

  it('counts attempts in flight, so parallel guesses cannot all pass the check', () => {
    const gates = Array.from({ length: 10 }, () => throttle.begin('alice'));
    expect(gates.filter((g) => g.ok)).toHaveLength(3);
  });

  it('takes back an attempt that ended without a verdict', () => {
    fail();
    fail();
    fail();
    throttle.abandoned('alice');
    expect(throttle.begin('alice')).toEqual({ ok: true });
  });

  it('treats unknown and known usernames alike and bounds its memory', () => {
    const small = new LoginThrottle({ maxFailures: 1, maxKeys: 2, now: () => clock });
    small.begin('a');
    small.begin('b');
    small.begin('c');
    expect(small.begin('a')).toEqual({ ok: true }); // forgotten: the least recently tried
    expect(small.begin('c').ok).toBe(false);
  });
});
