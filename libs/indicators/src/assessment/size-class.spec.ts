import { classifySize } from './size-class.js';

describe('classifySize (NBS 2017 industry bounds, both must hold)', () => {
  it('classifies at and around the bounds (revenue in 万元: ¥400 m = 40,000)', () => {
    expect(classifySize(1000, 40000)).toBe('large');
    expect(classifySize(999, 40000)).toBe('medium');
    expect(classifySize(1000, 39999)).toBe('medium');
    expect(classifySize(300, 2000)).toBe('medium');
    expect(classifySize(299, 2000)).toBe('small');
    expect(classifySize(20, 300)).toBe('small');
    expect(classifySize(19, 100000)).toBe('micro');
    expect(classifySize(5000, 299)).toBe('micro');
  });

  it('a large workforce with a medium revenue is medium: both lower bounds must hold', () => {
    expect(classifySize(2000, 10000)).toBe('medium');
  });

  it('is null when either figure is not declared, and refuses negative figures', () => {
    expect(classifySize(undefined, 50000)).toBeNull();
    expect(classifySize(500, undefined)).toBeNull();
    expect(classifySize(null, null)).toBeNull();
    expect(() => classifySize(-1, 100)).toThrow(RangeError);
  });
});
