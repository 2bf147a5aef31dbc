import { creditCodeCheckCharacter, makeCreditCode, validateCreditCode } from './credit-code.js';

// Codes printed on real business licences, each also passing its GB 11714 organisation-code check.
const REAL_CODES = [
  ['914403001922038216', '华为技术有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['9144030027939873X7', '中兴通讯股份有限公司'],
  ['91440400192548256N', '珠海格力电器股份有限公司'],
  ['91440606722473344C', '美的集团股份有限公司'],
  ['91330100716105852F', '阿里巴巴（中国）有限公司'],
] as const;

function reasonOf(code: string): string {
  const result = validateCreditCode(code);
  if (result.ok) throw new Error(`expected ${code} to be rejected`);
  return result.reason;
}

describe('validateCreditCode', () => {
  it.each(REAL_CODES)('accepts %s (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true });
  });

  it('accepts codes built with makeCreditCode for non-enterprise authorities', () => {
    expect(validateCreditCode(makeCreditCode('12440000MB2C12345'))).toEqual({ ok: true });
    expect(validateCreditCode(makeCreditCode('Y1440106MA0000001'))).toEqual({ ok: true });
    expect(validateCreditCode(makeCreditCode('N2441900MF1234567'))).toEqual({ ok: true });
  });

  it('rejects a wrong length', () => {
    expect(reasonOf('91440300708461136')).toBe('a credit code has 18 characters, got 17');
    expect(reasonOf('')).toBe('a credit code has 18 characters, got 0');
  });

  it('names the position of a character outside the charset', () => {
    expect(reasonOf('9144030070846113IT')).toMatch(/^invalid character 'I' at position 17/);
    expect(reasonOf('91440300708461136t')).toMatch(/^invalid character 't' at position 18/);
    for (const letter of ['O', 'S', 'V', 'Z']) {
      expect(reasonOf(`9144030070846113${letter}T`)).toContain(`'${letter}' at position 17`);
    }
  });

  it('rejects an unknown registration authority or organisation type', () => {
    expect(reasonOf(makeCreditCode('B1440300708461136'))).toBe(
      "unknown registration-authority code 'B' at position 1",
    );
    expect(reasonOf(makeCreditCode('94440300708461136'))).toMatch(
      /^unknown organisation-type code '4' at position 2 for registration authority '9'.*expected one of 1, 2, 3$/,
    );
  });

  it('requires a numeric division code in positions 3-8', () => {
    expect(reasonOf(makeCreditCode('9144A300708461136'))).toMatch(/^positions 3-8 .* got '44A300'$/);
  });

  it('rejects a wrong check character and says which one was expected', () => {
    expect(reasonOf('914403001922038217')).toBe("wrong check character '7' (expected 6)");
    // A single transposition in the body is caught too.
    expect(reasonOf('91440300708416136T')).toMatch(/^wrong check character 'T'/);
  });

  it('fails cleanly on a non-string', () => {
    expect(validateCreditCode(42 as unknown as string)).toEqual({
      ok: false,
      reason: 'a credit code must be a string',
    });
  });
});

describe('creditCodeCheckCharacter / makeCreditCode', () => {
  it('reproduces the check character of real codes', () => {
    for (const [code] of REAL_CODES) {
      expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
      expect(makeCreditCode(code.slice(0, 17))).toBe(code);
    }
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // Σ mod 31 = 0 → 31 − 0 = 31 → '0'.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('throws on a malformed body', () => {
    expect(() => creditCodeCheckCharacter('9144030070846113')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('9144030070846113I')).toThrow(/position 17/);
  });
});
