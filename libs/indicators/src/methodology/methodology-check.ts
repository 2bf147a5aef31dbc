import { DEFAULT_METHODOLOGY, type Methodology, type MethodologyFactor } from './methodology.js';

export interface MethodologyProblem {
  readonly field: string;
  readonly message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/**
 * Checks a candidate version's factors before it is published: each factor well formed, no key
 * twice, and every key the formulas read (those of the base version) present in the same unit —
 * a factor in another unit would be silently wrong by a factor of 1,000. New keys are allowed.
 */
export function checkMethodologyFactors(
  factors: readonly unknown[],
  base: Methodology = DEFAULT_METHODOLOGY,
): MethodologyProblem[] {
  const problems: MethodologyProblem[] = [];
  const seen = new Map<string, MethodologyFactor>();
  factors.forEach((raw, i) => {
    const field = `factors[${i}]`;
    const f = raw as Partial<MethodologyFactor> | null;
    if (typeof f !== 'object' || f === null)
      return problems.push({ field, message: 'a factor must be an object' });
    const bad = (name: string, message: string) => problems.push({ field: `${field}.${name}`, message });
    if (typeof f.key !== 'string' || !KEY.test(f.key))
      bad('key', 'a dotted lower-case key such as energy.coefficient.coal');
    if (typeof f.value !== 'number' || !Number.isFinite(f.value)) bad('value', 'a finite number');
    if (typeof f.unit !== 'string' || f.unit.length === 0) bad('unit', 'the unit the value is in');
    if (typeof f.source !== 'string' || f.source.trim().length === 0)
      bad('source', 'where the value comes from');
    if (f.confidence !== 'H' && f.confidence !== 'M' && f.confidence !== 'U') bad('confidence', 'H, M or U');
    for (const date of ['validFrom', 'validTo'] as const) {
      if (f[date] !== undefined && (typeof f[date] !== 'string' || !DATE.test(f[date])))
        bad(date, 'YYYY-MM-DD');
    }
    if (typeof f.key === 'string') {
      if (seen.has(f.key)) bad('key', `${f.key} is given twice`);
      seen.set(f.key, f as MethodologyFactor);
    }
  });
  for (const required of base.factors) {
    const given = seen.get(required.key);
    if (!given) problems.push({ field: 'factors', message: `${required.key} is missing (formulas read it)` });
    else if (given.unit !== required.unit) {
      problems.push({
        field: 'factors',
        message: `${required.key} must be in ${required.unit}, not ${String(given.unit)}`,
      });
    }
  }
  return problems;
}

/** A stored version as the formulas take it. */
export function methodologyOf(row: {
  version: string;
  publishedAt: Date;
  factors: readonly unknown[];
}): Methodology {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    factors: row.factors as MethodologyFactor[],
  };
}
