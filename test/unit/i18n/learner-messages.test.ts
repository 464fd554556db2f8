// Refusals a learner reads in the UI and the lab terminal, in Japanese: the zone editor's and
// the TLSA parser's, field by field. The typed value, names and RFC citations stay as they are.
import { describe, expect, it } from 'vitest';
import { renderText, type Text } from '../../../common/i18n/text.ts';
import { checkRecordInput } from '../../../engine/dns/zone/record-input.ts';
import { judgePolicyResponse } from '../../../engine/policy/mta-sts/fetch-response.ts';
import { parseStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';
import { parseStsTxtRecord } from '../../../engine/policy/mta-sts/txt-record.ts';
import { parseTlsRptRecord } from '../../../engine/policy/tlsrpt/txt-record.ts';
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

describe('MTA-STS and TLS-RPT parse errors', () => {
  const inJapanese = (value: Text | undefined) => {
    if (!value) throw new Error('no Text');
    const said = renderText('ja', value);
    expect(japaneseProblems(said)).toEqual([]);
    return said;
  };

  it('the policy file, line by line', () => {
    const parsed = parseStsPolicy('version: STSv1\nmode: Enforce\n max_age: 86400\nmx: *.*.example.jp\nmx: mx..example.jp\n');
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors.map((e) => inJapanese(e.messageText))).toEqual([
      'mode「Enforce」は「enforce」「testing」「none」のどれでもない（大文字小文字を区別）',
      '行が空白で始まっている。行頭はフィールド名でなければならない',
      'mx「*.*.example.jp」：「*」は「*.example.com」のように左端のラベル全体にしか使えない',
      'mx「mx..example.jp」：名前に空のラベルがある（ドットが 2 つ続いているか、端にドットがある）',
      'ポリシーに「max_age」フィールドがない。必須のフィールド',
    ]);
    expect(parsed.errors[0].message).toBe('mode "Enforce" is not one of "enforce", "testing", "none" (case-sensitive)');
    const fetched = judgePolicyResponse({ policyHost: 'mta-sts.example.jp', pkix: 'valid', certNames: ['mta-sts.example.jp'], status: 200, contentType: 'text/plain', body: new TextEncoder().encode('version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 1x\n') });
    expect(inJapanese(fetched.reasonText)).toBe('ポリシーが不正：4 行目：max_age「1x」は秒数（1〜10 桁の数字）ではない');
  });

  it('notes on what a valid policy ignores', () => {
    const parsed = parseStsPolicy('version: STSv1\nMode: testing\nmode: enforce\nmode: none\nmx: mx.example.jp\nmax_age: 9999999999\n');
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    expect(parsed.policy.noteTexts?.map(inJapanese)).toEqual([
      '2 行目：「Mode」は「mode」ではない（フィールド名は大文字小文字を区別する）ので、未知のフィールドとして無視する',
      '4 行目：2 つ目の「mode」は無視し、3 行目の最初のものを使う（RFC 8461 §3.2）',
      'max_age 9999999999 が上限の 31557600 秒を超えているので、上限に切り詰める（RFC 8461 §3.2）',
    ]);
  });

  it.each([
    ['v=STSv1; id=2024-01-01', 'id「2024-01-01」が英数字以外の文字を含む。id は英数字 1〜32 文字'],
    ['v=STSv1; ID=1', 'レコードに id フィールドがない。id は必須（「ID」は「id」ではない：フィールド名は大文字小文字を区別する）'],
    ['v=STSv1; id=1; x=a\u00e9', 'レコードは US-ASCII でなければならないが、非 ASCII 文字「é」（U+00E9）を含む'],
    ['v=STSv1; id', 'フィールド名「id」のあとには「=」が必要（名前は最大 32 文字）'],
  ])('the _mta-sts TXT record %j', (record, ja) => {
    const result = parseStsTxtRecord(record);
    if (result.ok) throw new Error('accepted');
    expect(inJapanese(result.errorText)).toBe(ja);
  });

  it.each([
    ['v=TLSRPTv1; rua=ftp://example.jp/r', '「ftp://example.jp/r」は ftp を使っている。レポートの宛先は mailto: か https: の URI だけ'],
    ['v=TLSRPTv1; rua=mailto:nobody', '「mailto:nobody」にメールアドレスがない'],
    ['v=TLSRPTv1; x=1', 'レコードに rua フィールドがない。rua は必須'],
  ])('the _smtp._tls TXT record %j', (record, ja) => {
    const result = parseTlsRptRecord(record);
    if (result.ok) throw new Error('accepted');
    expect(inJapanese(result.errorText)).toBe(ja);
  });
});
