import { UserDenyList } from './user-deny-list.js';

describe('UserDenyList', () => {
  let clock: number;
  let denied: UserDenyList;

  beforeEach(() => {
    clock = 1_700_000_000_500;
    denied = new UserDenyList(900, () => clock);
  });

  const second = (ms: number) => Math.floor(ms / 1000);

  it('refuses the tokens issued up to the disable (its second included), not later ones, nor other people', () => {
    const before = second(clock) - 60;
    denied.deny('u1', new Date(clock));
    expect(denied.refuses('u1', before)).toBe(true);
    expect(denied.refuses('u1', second(clock))).toBe(true); // iat has whole seconds only
    expect(denied.refuses('u1', second(clock) + 1)).toBe(false); // signed in again after enabling
    expect(denied.refuses('u2', before)).toBe(false);
  });

  it('forgets a denial once every token it covers has expired, and not before', () => {
    const issued = second(clock);
    denied.deny('u1', new Date(clock));
    clock += 900_000; // the last covered token (iat = issued) expires at issued + 900 s
    expect(denied.refuses('u1', issued)).toBe(true);
    clock += 1_000;
    expect(denied.refuses('u1', issued)).toBe(false);
    // A process starting now needs only disables this recent (it reads them from the registry).
    expect(denied.relevantSince().getTime()).toBe(clock - 901_000);
  });

  it('keeps the latest disable when events arrive twice or out of order', () => {
    const earlier = new Date(clock);
    const later = new Date(clock + 120_000);
    denied.deny('u1', later);
    denied.deny('u1', earlier); // a late duplicate of the older event changes nothing
    expect(denied.refuses('u1', second(later.getTime()))).toBe(true);
    clock += 120_000 + 900_000;
    expect(denied.refuses('u1', second(later.getTime()))).toBe(true);
  });
});
