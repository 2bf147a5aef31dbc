import { el } from './dom.js';
import { language, t, tOr } from './i18n.js';

/**
 * Numbers in the locale's format with their unit; an absent figure renders as "missing",
 * never as 0 (the API sends null or leaves the field out where it has no figure).
 */
export type Figure = number | null | undefined;

const isNumber = (value: Figure): value is number => typeof value === 'number' && Number.isFinite(value);

export function missing(): HTMLElement {
  return el('span', { class: 'missing', title: t('common.missingTitle') }, t('common.missing'));
}

export function formatNumber(value: number, digits = 2): string {
  // signDisplay 'negative': a value that rounds to zero reads 0, not -0.
  return new Intl.NumberFormat(language(), { maximumFractionDigits: digits, signDisplay: 'negative' }).format(
    value,
  );
}

export function formatPercent(fraction: number, digits = 2): string {
  return new Intl.NumberFormat(language(), {
    style: 'percent',
    signDisplay: 'negative',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}

/** The unit as shown in the current language (tce/万元 → 吨标准煤/万元). */
export const unitLabel = (unit: string): string => tOr(`unit.${unit}`, unit);

/** A figure with its unit, or "missing". Fractions are shown as percentages. */
export function figure(value: Figure, unit: string, digits = 2): HTMLElement {
  if (!isNumber(value)) return missing();
  if (unit === 'fraction') return el('span', {}, formatPercent(value, digits));
  return el('span', {}, formatNumber(value, digits), ' ', el('span', { class: 'unit' }, unitLabel(unit)));
}

export function plain(value: Figure, digits = 3): HTMLElement {
  return isNumber(value) ? el('span', {}, formatNumber(value, digits)) : missing();
}

export function percentOrMissing(value: Figure, digits = 2): HTMLElement {
  return isNumber(value) ? el('span', {}, formatPercent(value, digits)) : missing();
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(language(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}
