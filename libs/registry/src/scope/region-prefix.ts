import { InvalidValueError } from '../registry.errors.js';

const REGION_CODE = /^[0-9]{6}$/;

/**
 * The prefix shared by a GB/T 2260 region and everything inside it: 440000 (province) → '44',
 * 440100 (city) → '4401', 440106 (district) → '440106'. Matched with LIKE 'prefix%'.
 * Kept local until #grip/contracts ships regionScopePrefix.
 */
export function regionPrefix(regionCode: string): string {
  if (!REGION_CODE.test(regionCode)) throw new InvalidValueError('', 'regionCode');
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

/** A LIKE pattern matching values that start with `prefix`, with LIKE's wildcards escaped. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
