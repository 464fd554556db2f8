// The Checker tab names every item the engine reports and every lab an item points to, in both
// languages: a missing label would show an empty row (translate gives undefined for an unknown key).
import { describe, expect, it } from 'vitest';
import { CHECKER_ITEM_IDS, CHECKER_LABS } from '../../../common/checker.ts';
import { LOCALES, translate, type MessageKey } from '../../../renderer/src/lib/i18n/index.ts';

describe('Checker tab labels', () => {
  it('names every checker item and every lab it points to, in English and Japanese', () => {
    const keys = [...CHECKER_ITEM_IDS.map((id) => `checker.item.${id}`), ...CHECKER_LABS.map((lab) => `checker.lab.${lab}`), 'checker.info'];
    for (const locale of LOCALES) {
      for (const key of keys) expect(translate(locale, key as MessageKey), `${locale} ${key}`).toMatch(/\S/);
    }
    expect(translate('ja', 'checker.item.dmarc' as MessageKey)).toBe('DMARC ポリシー');
    expect(translate('ja', 'checker.lab.14-dmarc' as MessageKey)).toBe('実習 14・DMARC');
  });
});
