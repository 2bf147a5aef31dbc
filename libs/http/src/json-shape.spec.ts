import { checkJsonShape } from './json-shape.js';

const limits = { maxDepth: 4, maxMembers: 10, maxObjectKeys: 6 };
const codeOf = (text: string, l = limits) => checkJsonShape(text, l)?.code;

describe('checkJsonShape', () => {
  it('lets through JSON within both limits, and counts members exactly', () => {
    expect(codeOf('{"a":[1,[2,[3]]]}')).toBeUndefined(); // depth 4
    expect(codeOf('[]')).toBeUndefined();
    expect(codeOf('{}')).toBeUndefined();
    // 10 members: 9 commas + the first element
    expect(codeOf(JSON.stringify([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBeUndefined();
    expect(codeOf(JSON.stringify([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe('JSON_TOO_MANY_MEMBERS');
    // object members count as one each (key and value together): 5 + 5 = 10
    expect(codeOf(JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: [1, 2, 3, 4, 5] }))).toBeUndefined();
    expect(codeOf(JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: [1, 2, 3, 4, 5, 6] }))).toBe(
      'JSON_TOO_MANY_MEMBERS',
    );
    // an empty container has no member; nested empties still count as the member they are
    expect(codeOf('[[],[],{}]')).toBeUndefined();
    expect(codeOf(' [ [ ] , { } ] ')).toBeUndefined();
  });

  it('refuses an object with more keys than JSON_MAX_OBJECT_KEYS, counted per object', () => {
    const object = (n: number) =>
      JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
    expect(codeOf(object(6))).toBeUndefined();
    expect(codeOf(object(7))).toBe('JSON_TOO_MANY_KEYS');
    // two objects of 4 keys each in one array: 4 + 4 keys (and 2 + 8 = 10 members) pass
    expect(codeOf(`[${object(4)},${object(4)}]`)).toBeUndefined();
    // an array of 7 elements inside an object is 1 key: arrays are not keys
    expect(codeOf(JSON.stringify({ a: [1, 2, 3, 4, 5, 6, 7] }))).toBeUndefined();
    // keys of an outer object keep counting after a nested object closes
    expect(codeOf('{"a":1,"b":{"x":1},"c":1,"d":1,"e":1,"f":1,"g":1}')).toBe('JSON_TOO_MANY_KEYS');
  });

  it('refuses one level more than the limit, and names it', () => {
    expect(codeOf('[[[[1]]]]')).toBeUndefined();
    const refusal = checkJsonShape('[[[[[1]]]]]', limits);
    expect(refusal?.getStatus()).toBe(400);
    expect(refusal?.getResponse()).toEqual({
      error: {
        code: 'JSON_TOO_DEEP',
        message: 'the JSON body nests deeper than 4 levels (JSON_MAX_DEPTH)',
        details: [{ field: 'body', message: 'the JSON body nests deeper than 4 levels (JSON_MAX_DEPTH)' }],
      },
    });
    expect(codeOf('{"a":{"b":{"c":{"d":{}}}}}')).toBe('JSON_TOO_DEEP');
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    expect(codeOf(JSON.stringify(['[[[[[[,,,,,,,,,,,,,{{{{{'.repeat(3)]))).toBeUndefined();
    expect(codeOf(JSON.stringify({ 'k"[[[[[[': 'v\\"[[[[[[[\\' }))).toBeUndefined();
    expect(codeOf('["a\\\\",[[[[1]]]]]')).toBe('JSON_TOO_DEEP'); // the string ends at \\"
    expect(codeOf(JSON.stringify(['广州🚀[[[[[[[[[']))).toBeUndefined();
  });

  it('stops at the limit: 100,000 levels and 1,000,000 members are refused quickly', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const started = performance.now();
    expect(codeOf(deep, { maxDepth: 64, maxMembers: 200_000, maxObjectKeys: 1000 })).toBe('JSON_TOO_DEEP');
    const wide = `[${'0,'.repeat(1_000_000)}0]`;
    expect(codeOf(wide, { maxDepth: 64, maxMembers: 200_000, maxObjectKeys: 1000 })).toBe(
      'JSON_TOO_MANY_MEMBERS',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('leaves invalid JSON to the parser', () => {
    expect(codeOf('{"a": ')).toBeUndefined();
    expect(codeOf('"unterminated [[[[[[[[')).toBeUndefined();
    expect(codeOf(']]]]]]')).toBeUndefined();
  });
});
