/**
 * GB/T 2260 administrative division codes (行政区划代码), six digits PPCCDD: province,
 * prefecture-level city, county-level division. This table holds the rows GRIP serves, not the
 * whole national table:
 *  - every province-level division (the 31 provinces, autonomous regions and municipalities,
 *    plus Taiwan 710000, Hong Kong 810000 and Macao 820000);
 *  - Guangdong (44) in full: its 21 prefecture-level cities and all 122 county-level divisions
 *    of the current table (Dongguan 441900 and Zhongshan 442000 have no county level).
 * Extending coverage to another province is adding its rows below.
 *
 * Level, scope prefix and containment are read from the digits, so they work for any
 * well-formed code; names and `isRegionCode` answer only for rows in the table.
 */

// Whitespace-separated `code name` pairs; a line groups a city with its county-level divisions.
const PROVINCES = `
  110000 北京市 120000 天津市 130000 河北省 140000 山西省 150000 内蒙古自治区
  210000 辽宁省 220000 吉林省 230000 黑龙江省
  310000 上海市 320000 江苏省 330000 浙江省 340000 安徽省 350000 福建省 360000 江西省 370000 山东省
  410000 河南省 420000 湖北省 430000 湖南省 440000 广东省 450000 广西壮族自治区 460000 海南省
  500000 重庆市 510000 四川省 520000 贵州省 530000 云南省 540000 西藏自治区
  610000 陕西省 620000 甘肃省 630000 青海省 640000 宁夏回族自治区 650000 新疆维吾尔自治区
  710000 台湾省 810000 香港特别行政区 820000 澳门特别行政区
`;

const GUANGDONG = `
  440100 广州市 440103 荔湾区 440104 越秀区 440105 海珠区 440106 天河区 440111 白云区 440112 黄埔区
         440113 番禺区 440114 花都区 440115 南沙区 440117 从化区 440118 增城区
  440200 韶关市 440203 武江区 440204 浈江区 440205 曲江区 440222 始兴县 440224 仁化县 440229 翁源县
         440232 乳源瑶族自治县 440233 新丰县 440281 乐昌市 440282 南雄市
  440300 深圳市 440303 罗湖区 440304 福田区 440305 南山区 440306 宝安区 440307 龙岗区 440308 盐田区
         440309 龙华区 440310 坪山区 440311 光明区
  440400 珠海市 440402 香洲区 440403 斗门区 440404 金湾区
  440500 汕头市 440507 龙湖区 440511 金平区 440512 濠江区 440513 潮阳区 440514 潮南区 440515 澄海区
         440523 南澳县
  440600 佛山市 440604 禅城区 440605 南海区 440606 顺德区 440607 三水区 440608 高明区
  440700 江门市 440703 蓬江区 440704 江海区 440705 新会区 440781 台山市 440783 开平市 440784 鹤山市
         440785 恩平市
  440800 湛江市 440802 赤坎区 440803 霞山区 440804 坡头区 440811 麻章区 440823 遂溪县 440825 徐闻县
         440881 廉江市 440882 雷州市 440883 吴川市
  440900 茂名市 440902 茂南区 440904 电白区 440981 高州市 440982 化州市 440983 信宜市
  441200 肇庆市 441202 端州区 441203 鼎湖区 441204 高要区 441223 广宁县 441224 怀集县 441225 封开县
         441226 德庆县 441284 四会市
  441300 惠州市 441302 惠城区 441303 惠阳区 441322 博罗县 441323 惠东县 441324 龙门县
  441400 梅州市 441402 梅江区 441403 梅县区 441422 大埔县 441423 丰顺县 441424 五华县 441426 平远县
         441427 蕉岭县 441481 兴宁市
  441500 汕尾市 441502 城区 441521 海丰县 441523 陆河县 441581 陆丰市
  441600 河源市 441602 源城区 441621 紫金县 441622 龙川县 441623 连平县 441624 和平县 441625 东源县
  441700 阳江市 441702 江城区 441704 阳东区 441721 阳西县 441781 阳春市
  441800 清远市 441802 清城区 441803 清新区 441821 佛冈县 441823 阳山县 441825 连山壮族瑶族自治县
         441826 连南瑶族自治县 441881 英德市 441882 连州市
  441900 东莞市
  442000 中山市
  445100 潮州市 445102 湘桥区 445103 潮安区 445122 饶平县
  445200 揭阳市 445202 榕城区 445203 揭东区 445222 揭西县 445224 惠来县 445281 普宁市
  445300 云浮市 445302 云城区 445303 云安区 445321 新兴县 445322 郁南县 445381 罗定市
`;

function parseRows(text: string): [string, string][] {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const rows: [string, string][] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const [code, name] = [tokens[i], tokens[i + 1]];
    // A slip in the table must fail at load, not surface later as a wrong scope.
    if (!/^\d{6}$/.test(code) || name === undefined || /\d/.test(name)) {
      throw new Error(`region table: malformed row '${code} ${name}'`);
    }
    rows.push([code, name]);
  }
  return rows;
}

function buildTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [code, name] of [...parseRows(PROVINCES), ...parseRows(GUANGDONG)]) {
    if (table.has(code)) throw new Error(`region table: duplicate code ${code}`);
    table.set(code, name);
  }
  return table;
}

/** Code → name for the rows described in the header. */
export const REGION_NAMES: ReadonlyMap<string, string> = buildTable();

export type RegionLevel = 'province' | 'city' | 'county';

/**
 * Six digits, a non-zero province, and no county digits under a zero city part
 * (province-administered counties use city part 90, e.g. 429004).
 */
export function isWellFormedRegionCode(code: string): boolean {
  return (
    typeof code === 'string' &&
    /^[1-9]\d{5}$/.test(code) &&
    !(code.slice(2, 4) === '00' && code.slice(4) !== '00')
  );
}

function assertWellFormed(code: string): void {
  if (!isWellFormedRegionCode(code)) throw new RangeError(`'${code}' is not a GB/T 2260 region code`);
}

/** True for codes in the table (see the header for what it covers). */
export function isRegionCode(code: string): boolean {
  return typeof code === 'string' && REGION_NAMES.has(code);
}

export function regionName(code: string): string | undefined {
  return REGION_NAMES.get(code);
}

/** Structural level of a well-formed code; throws on a malformed one. */
export function regionLevel(code: string): RegionLevel {
  assertWellFormed(code);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The prefix every code inside the region starts with: 440000→'44', 440100→'4401', 440106→'440106'. */
export function regionScopePrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
      return code;
  }
}

/** Whether `code` lies in `scopeCode` (a region contains itself); false for malformed input. */
export function isWithinRegion(code: string, scopeCode: string): boolean {
  if (!isWellFormedRegionCode(code) || !isWellFormedRegionCode(scopeCode)) return false;
  return code.startsWith(regionScopePrefix(scopeCode));
}

/**
 * The enclosing region: county → its city when the table has that city, else the province
 * (province-administered counties); city → province; province → undefined.
 */
export function parentRegion(code: string): string | undefined {
  const level = regionLevel(code);
  if (level === 'province') return undefined;
  const province = `${code.slice(0, 2)}0000`;
  if (level === 'city') return province;
  const city = `${code.slice(0, 4)}00`;
  return REGION_NAMES.has(city) ? city : province;
}
