// Refusals a learner reads in the UI and the lab terminal, in Japanese: the zone editor's and
// the TLSA parser's, field by field. The typed value, names and RFC citations stay as they are.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import { checkRecordInput } from '../../../engine/dns/zone/record-input.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const refusal = (input: Parameters<typeof checkRecordInput>[0]) => {
  const result = checkRecordInput(input, 'example.jp');
  if (result.ok) throw new Error('accepted');
  return { en: result.message, ja: renderText('ja', result.messageText) };
};

describe('zone editor refusals', () => {
  it.each([
    [{ name: 'www', type: 'A', value: '192.0.2.300' }, '「192.0.2.300」は IPv4 アドレスではない（0〜255 の数 4 つをドットで区切る）'],
    [{ name: '@', type: 'MX', value: '10' }, 'MX にホストがない：「10 mx.example.jp」のように書く'],
    [{ name: '_25._tcp.mx', type: 'TLSA', value: '3 1 1 abc' }, '証明書関連データが 16 進 3 桁で奇数：1 バイトは 2 桁'],
    [{ name: '_25._tcp.mx', type: 'TLSA', value: '3 x 1 ab' }, 'セレクタ「x」が 0〜255 の数（1 オクテット）ではない'],
    [{ name: 'www', type: 'RRSIG', value: 'x' }, 'RRSIG レコードは実習環境の署名器が作る。代わりにゾーンのモードか鍵を変える'],
    [{ name: 'www', type: 'A', ttl: '-1', value: '192.0.2.1' }, 'TTL「-1」が 0〜2147483647 の秒数ではない'],
  ])('%j', (input, ja) => {
    const { en, ja: said } = refusal(input);
    expect(said).toBe(ja);
    expect(japaneseProblems(said)).toEqual([]);
    expect(japaneseProblems(en).length).toBeGreaterThan(0);
  });
});
