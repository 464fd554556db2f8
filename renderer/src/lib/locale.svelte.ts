// The chosen UI language: remembered in localStorage, Japanese by default on Japanese systems.
import type { Locale } from '../../../common/protocol.ts';
import { initialLocale, isLocale, translate, type MessageKey, type MessageParams } from './i18n/index.ts';

const STORAGE_KEY = 'smtp-lab.locale';

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export class LocaleStore {
  locale = $state<Locale>('en');
  /** True once the learner picked a language (or one was remembered). */
  private chosen = false;

  constructor() {
    const saved = readSaved();
    this.chosen = isLocale(saved);
    this.locale = initialLocale(saved, navigator.languages?.length ? navigator.languages : [navigator.language]);
    this.apply();
  }

  /** The learner's choice: applied and remembered. */
  choose(locale: Locale): void {
    this.chosen = true;
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be unavailable; the choice still holds for this page.
    }
    this.apply();
  }

  /** The engine's OS locale (from welcome): adopted unless the learner already chose. */
  adoptSystemLocale(systemLocale: Locale): void {
    if (this.chosen || this.locale === 'ja') return;
    if (systemLocale === 'ja') {
      this.locale = 'ja';
      this.apply();
    }
  }

  t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);

  private apply(): void {
    document.documentElement.lang = this.locale;
  }
}

export const i18n = new LocaleStore();
