/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from
 * '0123456789ABCDEFGHJKLMNPQRTUWXY' (no I, O, Z, S, V):
 *   1      registration-authority code (登记管理部门代码)
 *   2      organisation-type code (机构类别代码), meaningful per authority
 *   3–8    administrative division of the registering office (GB/T 2260, digits)
 *   9–17   subject identifier, i.e. the GB 11714 organisation code
 *   18     check character over positions 1–17 (weights 3^i mod 31)
 *
 * The authority/type table is the one in use since the later additions (A, N); extending it
 * is adding rows. The organisation code's own GB 11714 check character (position 17) is not
 * verified: position 18 already catches every single-character typo, and rejecting a real
 * code on a second check would lock a legitimate enterprise out.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export interface CreditCodeAuthority {
  readonly name: string;
  /** Organisation-type code (position 2) → its name. */
  readonly types: Readonly<Record<string, string>>;
}

/** Registration-authority code (position 1) → its name and organisation types. */
export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, CreditCodeAuthority>> = {
  '1': {
    name: '机构编制',
    types: { 1: '机关', 2: '事业单位', 3: '中央编办直接管理机构编制的群众团体', 9: '其他' },
  },
  '2': { name: '外交', types: { 1: '外国常驻新闻机构', 9: '其他' } },
  '3': {
    name: '司法行政',
    types: {
      1: '律师执业机构',
      2: '公证处',
      3: '基层法律服务所',
      4: '司法鉴定机构',
      5: '仲裁委员会',
      9: '其他',
    },
  },
  '4': { name: '文化', types: { 1: '外国在华文化中心', 9: '其他' } },
  '5': { name: '民政', types: { 1: '社会团体', 2: '民办非企业单位', 3: '基金会', 9: '其他' } },
  '6': {
    name: '旅游',
    types: { 1: '外国旅游部门常驻代表机构', 2: '港澳台地区旅游部门常驻内地（大陆）代表机构', 9: '其他' },
  },
  '7': { name: '宗教', types: { 1: '宗教活动场所', 2: '宗教院校', 9: '其他' } },
  '8': { name: '工会', types: { 1: '基层工会', 9: '其他' } },
  '9': { name: '工商（市场监管）', types: { 1: '企业', 2: '个体工商户', 3: '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { 1: '军队事业单位', 9: '其他' } },
  N: {
    name: '农业',
    types: { 1: '组级集体经济组织', 2: '村级集体经济组织', 3: '乡镇级集体经济组织', 9: '其他' },
  },
  Y: { name: '其他', types: { 1: '其他' } },
};

export type CreditCodeValidation = { ok: true } | { ok: false; reason: string };

function charValue(ch: string): number {
  return CREDIT_CODE_CHARSET.indexOf(ch);
}

/** The GB 32100 check character for the first 17 characters; throws on malformed input. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`a credit code body has 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(first17[i]);
    if (v < 0) throw new RangeError(`invalid credit code character '${first17[i]}' at position ${i + 1}`);
    sum += v * WEIGHTS[i];
  }
  // 31 − (Σ mod 31), where a result of 31 becomes 0.
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Appends the check character; the demo seed and tests use it to build valid codes. */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

export function validateCreditCode(code: string): CreditCodeValidation {
  // Callers pass request bodies through; a non-string must fail cleanly, not throw.
  if (typeof code !== 'string') return { ok: false, reason: 'a credit code must be a string' };
  if (code.length !== 18) {
    return { ok: false, reason: `a credit code has 18 characters, got ${code.length}` };
  }
  for (let i = 0; i < 18; i++) {
    if (charValue(code[i]) < 0) {
      return {
        ok: false,
        reason:
          `invalid character '${code[i]}' at position ${i + 1}: allowed are digits and upper-case ` +
          `letters except I, O, S, V, Z`,
      };
    }
  }
  const authority = Object.hasOwn(CREDIT_CODE_AUTHORITIES, code[0])
    ? CREDIT_CODE_AUTHORITIES[code[0]]
    : undefined;
  if (!authority) {
    return { ok: false, reason: `unknown registration-authority code '${code[0]}' at position 1` };
  }
  if (!Object.hasOwn(authority.types, code[1])) {
    const expected = Object.keys(authority.types).join(', ');
    return {
      ok: false,
      reason:
        `unknown organisation-type code '${code[1]}' at position 2 for registration authority ` +
        `'${code[0]}' (${authority.name}); expected one of ${expected}`,
    };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return {
      ok: false,
      reason: `positions 3-8 must be the registering office's 6-digit division code, got '${code.slice(2, 8)}'`,
    };
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return { ok: false, reason: `wrong check character '${code[17]}' (expected ${expected})` };
  }
  return { ok: true };
}
