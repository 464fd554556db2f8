import { describe, expect, it } from 'vitest';
import { dictionaries, initialLocale, LOCALES, placeholders, translate } from '../../../renderer/src/lib/i18n/index.ts';

describe('i18n', () => {
  it('has every string in every locale, none empty', () => {
    const keys = Object.keys(dictionaries.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(dictionaries[locale]).sort()).toEqual(keys);
      for (const key of keys) expect(dictionaries[locale][key as keyof typeof dictionaries.en].trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in every locale', () => {
    for (const key of Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]) {
      expect(placeholders(dictionaries.ja[key]), key).toEqual(placeholders(dictionaries.en[key]));
    }
  });

  it('writes the Japanese UI in Japanese', () => {
    expect(dictionaries.ja['pane.mailbox']).toBe('受信箱');
    expect(dictionaries.ja['mailbox.plaintext']).toBe('平文');
    expect(dictionaries.ja['terminal.newShell']).toBe('新しいシェル');
    expect(dictionaries.ja['pane.trace']).toBe('トレース');
  });

  it('fills placeholders', () => {
    expect(translate('en', 'detail.title', { seq: 7 })).toBe('Event #7');
    expect(translate('ja', 'trace.shown', { shown: 3, total: 10 })).toBe('10 件中 3 件');
  });

  it('picks Japanese for Japanese systems unless the learner chose', () => {
    expect(initialLocale(null, ['ja-JP'])).toBe('ja');
    expect(initialLocale(null, ['en-US'])).toBe('en');
    expect(initialLocale(null, ['en-US'], 'ja')).toBe('ja');
    expect(initialLocale('en', ['ja-JP'], 'ja')).toBe('en');
    expect(initialLocale('fr', ['en-US'])).toBe('en');
  });
});
