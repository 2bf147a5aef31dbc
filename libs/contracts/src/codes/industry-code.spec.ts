import {
  DETAILED_INDUSTRY_DIVISIONS,
  INDUSTRY_CLASSES,
  INDUSTRY_DIVISIONS,
  INDUSTRY_GROUPS,
  industryDivision,
  industryName,
  validateIndustryCode,
} from './industry-code.js';

function reasonOf(code: string): string {
  const result = validateIndustryCode(code);
  if (result.ok) throw new Error(`expected ${code} to be rejected`);
  return result.reason;
}

describe('industry tables', () => {
  it('has the 31 manufacturing divisions C13–C43', () => {
    expect([...INDUSTRY_DIVISIONS.keys()]).toEqual(Array.from({ length: 31 }, (_, i) => `C${13 + i}`));
    expect(INDUSTRY_DIVISIONS.get('C39')).toBe('计算机、通信和其他电子设备制造业');
    expect(INDUSTRY_DIVISIONS.get('C43')).toBe('金属制品、机械和设备修理业');
  });

  it('details the divisions the platform uses, complete per division', () => {
    expect([...DETAILED_INDUSTRY_DIVISIONS]).toEqual([
      'C26',
      'C30',
      'C33',
      'C34',
      'C35',
      'C36',
      'C38',
      'C39',
    ]);
    const count = (map: ReadonlyMap<string, string>, division: string): number =>
      [...map.keys()].filter((c) => c.startsWith(division)).length;
    const counts = Object.fromEntries(
      [...DETAILED_INDUSTRY_DIVISIONS].map((d) => [
        d,
        [count(INDUSTRY_GROUPS, d), count(INDUSTRY_CLASSES, d)],
      ]),
    );
    expect(counts).toEqual({
      C26: [8, 38],
      C30: [9, 37],
      C33: [9, 29],
      C34: [9, 52],
      C35: [9, 56],
      C36: [7, 8],
      C38: [8, 38],
      C39: [9, 36],
    });
  });

  it('puts every class under a listed group', () => {
    for (const code of INDUSTRY_CLASSES.keys()) expect(INDUSTRY_GROUPS.has(code.slice(0, 4))).toBe(true);
  });
});

describe('validateIndustryCode', () => {
  it.each([
    ['C39', 'division', 'C39'],
    ['C391', 'group', 'C39'],
    ['C3911', 'class', 'C39'],
    ['C3940', 'class', 'C39'],
    ['C3360', 'class', 'C33'],
    ['C2653', 'class', 'C26'],
    ['C3099', 'class', 'C30'],
    ['C3491', 'class', 'C34'],
    ['C3841', 'class', 'C38'],
  ] as const)('accepts %s as a %s of %s', (code, level, division) => {
    expect(validateIndustryCode(code)).toEqual({ ok: true, level, division });
  });

  it('accepts sub-codes by pattern under a division that is not detailed', () => {
    expect(validateIndustryCode('C131')).toEqual({ ok: true, level: 'group', division: 'C13' });
    expect(validateIndustryCode('C4011')).toEqual({ ok: true, level: 'class', division: 'C40' });
  });

  it('rejects sub-codes missing from a detailed division', () => {
    expect(reasonOf('C390')).toBe('unknown group C390 in division C39 (计算机、通信和其他电子设备制造业)');
    expect(reasonOf('C3916')).toBe('unknown class C3916 in group C391 (计算机制造)');
    expect(reasonOf('C3880')).toMatch(/^unknown group C388 in division C38/);
    expect(reasonOf('C3941')).toBe('unknown class C3941 in group C394 (雷达及配套设备制造)');
  });

  it('rejects unknown divisions and other sections', () => {
    expect(reasonOf('C12')).toBe('unknown manufacturing division C12 (divisions are C13 to C43)');
    expect(reasonOf('C44')).toMatch(/^unknown manufacturing division C44/);
    expect(reasonOf('D4411')).toBe('only manufacturing (section C) codes are accepted, got section D');
  });

  it('rejects malformed codes with a hint', () => {
    expect(reasonOf('3911')).toBe('an industry code starts with the section letter C, e.g. C3911');
    for (const bad of ['C', 'C3', 'C39111', 'c3911', 'C39A', ' C39', '']) {
      expect(reasonOf(bad)).toMatch(/C followed by 2, 3 or 4 digits|section letter C|section c/);
    }
    expect(validateIndustryCode(39 as unknown as string)).toEqual({
      ok: false,
      reason: 'an industry code must be a string',
    });
  });
});

describe('industryName / industryDivision', () => {
  it('names codes in the table', () => {
    expect(industryName('C39')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('C391')).toBe('计算机制造');
    expect(industryName('C3911')).toBe('计算机整机制造');
    expect(industryName('C395')).toBe('非专业视听设备制造');
    expect(industryName('C339')).toBe('铸造及其他金属制品制造');
    expect(industryName('C4011')).toBeUndefined();
    expect(industryName('C3916')).toBeUndefined();
  });

  it('gives the division of valid codes only', () => {
    expect(industryDivision('C3911')).toBe('C39');
    expect(industryDivision('C4011')).toBe('C40');
    expect(industryDivision('C26')).toBe('C26');
    expect(industryDivision('C3916')).toBeUndefined();
    expect(industryDivision('X')).toBeUndefined();
  });
});
