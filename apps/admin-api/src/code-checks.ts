import { isRegionCode, validateCreditCode, validateIndustryCode } from '#grip/contracts';
import { ApiError, ApiErrorDetail } from '#grip/http';

export interface NationalCodes {
  creditCode?: string;
  regionCode?: string;
  industryCode?: string;
}

/** Checks the national codes of a request and throws one 400 naming every bad field. */
export function assertCodes(codes: NationalCodes): void {
  const details = codeProblems(codes);
  if (details.length > 0) throw ApiError.badRequest('VALIDATION_FAILED', 'the request is invalid', details);
}

/** Every bad national code, by field (the single-item endpoints and bulk imports share it). */
export function codeProblems(codes: NationalCodes): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  if (codes.creditCode !== undefined) {
    const result = validateCreditCode(codes.creditCode);
    if (!result.ok)
      details.push({ field: 'creditCode', code: 'INVALID_CREDIT_CODE', message: result.reason });
  }
  if (codes.regionCode !== undefined && !isRegionCode(codes.regionCode)) {
    details.push({
      field: 'regionCode',
      code: 'UNKNOWN_REGION',
      message: 'not a GB/T 2260 region code GRIP knows',
    });
  }
  if (codes.industryCode !== undefined) {
    const result = validateIndustryCode(codes.industryCode);
    if (!result.ok) details.push({ field: 'industryCode', code: 'UNKNOWN_INDUSTRY', message: result.reason });
  }
  return details;
}
