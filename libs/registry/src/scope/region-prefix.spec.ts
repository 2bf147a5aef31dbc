import { InvalidValueError } from '../registry.errors.js';
import { likePrefix, regionPrefix } from './region-prefix.js';

describe('regionPrefix', () => {
  it.each([
    ['440000', '44'],
    ['440100', '4401'],
    ['440106', '440106'],
    ['110000', '11'],
    ['429004', '429004'],
  ])('%s → %s', (code, prefix) => {
    expect(regionPrefix(code)).toBe(prefix);
  });

  it.each(['4401', '44010a', '', '4401000'])('refuses %p', (code) => {
    expect(() => regionPrefix(code)).toThrow(InvalidValueError);
  });
});

describe('likePrefix', () => {
  it('escapes LIKE wildcards so input only ever matches a literal prefix', () => {
    expect(likePrefix('C39')).toBe('C39%');
    expect(likePrefix('a%b_c\\')).toBe('a\\%b\\_c\\\\%');
  });
});
