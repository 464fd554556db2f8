// The UI's strings in every locale, and how a locale is chosen.
import type { Locale } from '../../../../common/protocol.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { ja } from './ja.ts';

export type { MessageKey, Messages };
export const LOCALES: readonly Locale[] = ['ja', 'en'];
export const dictionaries: Record<Locale, Messages> = { ja, en };
/** How each locale names itself in the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { ja: '日本語', en: 'English' };

export type MessageParams = Record<string, string | number>;

/** The string for `key` in `locale`, with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/** Japanese when the browser or OS says Japanese; a remembered choice always wins. */
export function initialLocale(saved: string | null, browserLanguages: readonly string[], systemLocale?: Locale): Locale {
  if (isLocale(saved)) return saved;
  if (browserLanguages.some((lang) => lang.toLowerCase().startsWith('ja'))) return 'ja';
  if (systemLocale === 'ja') return 'ja';
  return 'en';
}

/** The placeholders a string uses, e.g. ["seq"] for "Event #{seq}". */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
