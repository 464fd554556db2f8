// Engine sentences in the UI: a Text renders in the dictionary's language, and the decoded view
// shows it in place of the English string beside it.
import { describe, expect, it } from 'vitest';
import { english, text } from '../../../common/i18n/text.ts';
import { flattenDetail } from '../../../renderer/src/lib/detail-format.ts';
import { localeOf, say, sayReason } from '../../../renderer/src/lib/engine-text.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);

describe('engine sentences in the UI', () => {
  it('render in the language of the dictionary', () => {
    expect(localeOf(ja)).toBe('ja');
    expect(localeOf(en)).toBe('en');
    const reason = text('host.noStarttls', { host: 'mx.example.jp' });
    expect(say(ja, reason)).toBe('mx.example.jp が STARTTLS を提示しなかった');
    expect(sayReason(en, { reason: 'kept', reasonText: reason })).toBe('mx.example.jp offered no STARTTLS');
    expect(sayReason(ja, { reason: 'only English' })).toBe('only English');
  });

  it('show a Text in the decoded view under the name of the string it stands for', () => {
    const reasonText = text('transport.none');
    const rows = flattenDetail({ kind: 'policy', reason: english(reasonText), reasonText, mode: 'x' }, 500, (v) => say(ja, v));
    expect(rows.map((r) => r.key)).toEqual(['kind', 'reason', 'mode']);
    expect(rows[1].value).toBe('MTA-STS ポリシーも DANE もない：日和見的に STARTTLS を使い、平文も許す');
  });
});
