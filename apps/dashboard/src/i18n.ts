import i18next from 'i18next';
import { en } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';

/** The shape of the message tree, with every leaf a string: en.ts must have the same keys. */
type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof zhCN>;

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'grip.language';

export async function initI18n(): Promise<void> {
  const saved = localStorage.getItem(STORAGE_KEY);
  await i18next.init({
    lng: saved === 'en' ? 'en' : 'zh-CN',
    fallbackLng: 'zh-CN',
    // Element text is set with textContent, never as HTML: no escaping needed or wanted.
    interpolation: { escapeValue: false },
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  });
  document.documentElement.lang = i18next.language;
}

export const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key, options ?? {});

/** A translation when one exists, else the API's own code: an unknown code still shows. */
export const tOr = (key: string, fallback: string): string => (i18next.exists(key) ? t(key) : fallback);

export const language = (): Language => (i18next.language === 'en' ? 'en' : 'zh-CN');

export async function switchLanguage(): Promise<void> {
  const next: Language = language() === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem(STORAGE_KEY, next);
  await i18next.changeLanguage(next);
  document.documentElement.lang = next;
}
