import { isRegionCode, isWithinRegion, type Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';

/**
 * The region a question is about: the one asked for, checked to be a GB/T 2260 code GRIP knows,
 * and — for an official — inside their own region (404 otherwise: another region is not there
 * for them). An official who names none gets their own; for others `required` decides whether
 * naming one is needed.
 */
export function regionInScope(scope: Principal, requested: string | undefined, required: true): string;
export function regionInScope(
  scope: Principal,
  requested: string | undefined,
  required: false,
): string | undefined;
export function regionInScope(
  scope: Principal,
  requested: string | undefined,
  required: boolean,
): string | undefined {
  if (requested !== undefined && !isRegionCode(requested)) {
    throw ApiError.badRequest('VALIDATION_FAILED', 'not a GB/T 2260 region code GRIP knows', [
      { field: 'regionCode', message: requested },
    ]);
  }
  if (scope.role === 'official') {
    if (requested === undefined) return scope.regionCode;
    if (!isWithinRegion(requested, scope.regionCode)) throw ApiError.notFound('region');
    return requested;
  }
  if (requested === undefined && required) {
    throw ApiError.badRequest('VALIDATION_FAILED', 'regionCode is required', [
      { field: 'regionCode', message: 'a GB/T 2260 code, e.g. 440000' },
    ]);
  }
  return requested;
}
