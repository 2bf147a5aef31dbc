import {
  REGION_NAMES,
  isRegionCode,
  isWellFormedRegionCode,
  isWithinRegion,
  parentRegion,
  regionLevel,
  regionName,
  regionScopePrefix,
} from './region-code.js';

const codes = [...REGION_NAMES.keys()];
const inGuangdong = codes.filter((c) => c.startsWith('44'));

describe('REGION_NAMES', () => {
  it('holds all 34 province-level divisions', () => {
    const provinces = codes.filter((c) => c.endsWith('0000'));
    expect(provinces).toHaveLength(34);
    expect(REGION_NAMES.get('110000')).toBe('北京市');
    expect(REGION_NAMES.get('650000')).toBe('新疆维吾尔自治区');
    expect(REGION_NAMES.get('820000')).toBe('澳门特别行政区');
  });

  it('holds Guangdong in full: 21 cities and 122 county-level divisions', () => {
    expect(inGuangdong.filter((c) => regionLevel(c) === 'city')).toHaveLength(21);
    expect(inGuangdong.filter((c) => regionLevel(c) === 'county')).toHaveLength(122);
  });

  it('has the expected cities and their county-level counts', () => {
    const countiesOf = (city: string): number =>
      inGuangdong.filter((c) => regionLevel(c) === 'county' && c.startsWith(city.slice(0, 4))).length;
    expect(
      Object.fromEntries(
        inGuangdong.filter((c) => regionLevel(c) === 'city').map((c) => [c, [regionName(c), countiesOf(c)]]),
      ),
    ).toEqual({
      '440100': ['广州市', 11],
      '440200': ['韶关市', 10],
      '440300': ['深圳市', 9],
      '440400': ['珠海市', 3],
      '440500': ['汕头市', 7],
      '440600': ['佛山市', 5],
      '440700': ['江门市', 7],
      '440800': ['湛江市', 9],
      '440900': ['茂名市', 5],
      '441200': ['肇庆市', 8],
      '441300': ['惠州市', 5],
      '441400': ['梅州市', 8],
      '441500': ['汕尾市', 4],
      '441600': ['河源市', 6],
      '441700': ['阳江市', 4],
      '441800': ['清远市', 8],
      '441900': ['东莞市', 0],
      '442000': ['中山市', 0],
      '445100': ['潮州市', 3],
      '445200': ['揭阳市', 5],
      '445300': ['云浮市', 5],
    });
  });

  it('names the districts of Guangzhou, Shenzhen and Foshan', () => {
    expect(['440103', '440106', '440111', '440117', '440118'].map((c) => regionName(c))).toEqual([
      '荔湾区',
      '天河区',
      '白云区',
      '从化区',
      '增城区',
    ]);
    expect(regionName('440303')).toBe('罗湖区');
    expect(regionName('440311')).toBe('光明区');
    expect(regionName('440606')).toBe('顺德区');
    expect(regionName('441704')).toBe('阳东区');
  });

  it('contains only well-formed codes whose parents are in the table', () => {
    for (const code of codes) {
      expect(isWellFormedRegionCode(code)).toBe(true);
      const parent = parentRegion(code);
      if (parent !== undefined) expect(REGION_NAMES.has(parent)).toBe(true);
    }
  });
});

describe('isRegionCode / regionName', () => {
  it('answers for rows in the table only', () => {
    expect(isRegionCode('440106')).toBe(true);
    expect(isRegionCode('440000')).toBe(true);
    expect(isRegionCode('440102')).toBe(false); // 东山区, merged into 越秀区 in 2005
    expect(isRegionCode('110105')).toBe(false); // outside the covered detail
    expect(isRegionCode('44010')).toBe(false);
    expect(regionName('999999')).toBeUndefined();
  });
});

describe('regionLevel / regionScopePrefix', () => {
  it.each([
    ['440000', 'province', '44'],
    ['440100', 'city', '4401'],
    ['441900', 'city', '4419'],
    ['440106', 'county', '440106'],
    ['110105', 'county', '110105'],
  ] as const)('%s is a %s with prefix %s', (code, level, prefix) => {
    expect(regionLevel(code)).toBe(level);
    expect(regionScopePrefix(code)).toBe(prefix);
  });

  it('throws on malformed codes', () => {
    for (const bad of ['44010', '4401060', '44010A', '040000', '440001', '']) {
      expect(() => regionLevel(bad)).toThrow(RangeError);
      expect(() => regionScopePrefix(bad)).toThrow(RangeError);
    }
  });
});

describe('isWithinRegion', () => {
  it('contains a code in its province, city and itself', () => {
    expect(isWithinRegion('440106', '440000')).toBe(true);
    expect(isWithinRegion('440106', '440100')).toBe(true);
    expect(isWithinRegion('440106', '440106')).toBe(true);
    expect(isWithinRegion('440100', '440100')).toBe(true);
    expect(isWithinRegion('441900', '440000')).toBe(true);
  });

  it('keeps neighbours and wider regions out', () => {
    expect(isWithinRegion('440306', '440100')).toBe(false);
    expect(isWithinRegion('440104', '440106')).toBe(false);
    expect(isWithinRegion('440100', '440106')).toBe(false);
    expect(isWithinRegion('440000', '440100')).toBe(false);
    expect(isWithinRegion('450100', '440000')).toBe(false);
  });

  it('is false, not a throw, for malformed input', () => {
    expect(isWithinRegion('4401', '440000')).toBe(false);
    expect(isWithinRegion('440106', '44')).toBe(false);
  });
});

describe('parentRegion', () => {
  it('walks county → city → province → nothing', () => {
    expect(parentRegion('440106')).toBe('440100');
    expect(parentRegion('440100')).toBe('440000');
    expect(parentRegion('441900')).toBe('440000');
    expect(parentRegion('440000')).toBeUndefined();
  });

  it('falls back to the province when the city is not in the table', () => {
    expect(parentRegion('429004')).toBe('420000');
    expect(parentRegion('110105')).toBe('110000');
  });
});
