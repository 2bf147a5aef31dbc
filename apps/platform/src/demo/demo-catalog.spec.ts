import { isRegionCode, makeCreditCode, validateCreditCode, validateIndustryCode } from '#grip/contracts';
import { DEMO_ENTERPRISES, DEMO_OFFICIALS, DEMO_PROVIDERS } from './demo-catalog.js';
import { creditCodeOf } from './demo-seed.js';

describe('demo catalog', () => {
  it('uses only codes the onboarding API accepts', () => {
    for (const e of DEMO_ENTERPRISES) {
      expect([e.name, isRegionCode(e.regionCode)]).toEqual([e.name, true]);
      expect([e.name, validateIndustryCode(e.industryCode).ok]).toEqual([e.name, true]);
      expect(validateCreditCode(creditCodeOf(e))).toEqual({ ok: true });
    }
    for (const p of DEMO_PROVIDERS) expect(validateCreditCode(creditCodeOf(p))).toEqual({ ok: true });
    for (const o of DEMO_OFFICIALS) expect(isRegionCode(o.regionCode)).toBe(true);
  });

  it('has unique credit codes and one site electricity meter per enterprise', () => {
    const codes = new Set(DEMO_ENTERPRISES.map(creditCodeOf));
    expect(codes.size).toBe(DEMO_ENTERPRISES.length);
    expect(makeCreditCode('91440106MA5EN0001')).toBe(creditCodeOf(DEMO_ENTERPRISES[0]!));
    for (const e of DEMO_ENTERPRISES) {
      expect(
        e.meters.filter((m) => m.scope === 'site' && m.metric === 'electricity.active_energy'),
      ).toHaveLength(1);
    }
  });
});
