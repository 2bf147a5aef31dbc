import { DEFAULT_METHODOLOGY } from '../methodology/methodology.js';
import { degreeDayBase, degreeDays } from './degree-days.js';

describe('degreeDays', () => {
  it('counts the distance from the base on the side the day lies', () => {
    expect(degreeDays(25)).toEqual({ cdd: 7, hdd: 0 });
    expect(degreeDays(10)).toEqual({ cdd: 0, hdd: 8 });
    expect(degreeDays(18)).toEqual({ cdd: 0, hdd: 0 });
    expect(degreeDays(20, 22)).toEqual({ cdd: 0, hdd: 2 });
  });

  it('reads the base from the methodology (18 °C by default) and refuses non-finite input', () => {
    expect(degreeDayBase(DEFAULT_METHODOLOGY)).toBe(18);
    expect(() => degreeDays(Number.NaN)).toThrow(RangeError);
  });
});
