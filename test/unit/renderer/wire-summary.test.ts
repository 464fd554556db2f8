// Row texts of smtp and tls rows as the engine's decoders write them, in English and Japanese, and
// what the decoders say about the bytes (notes, a handshake that did not parse) in the reader's language.
import { describe, expect, it } from 'vitest';
import { renderText, type Text } from '../../../common/i18n/text.ts';
import { flattenDetail } from '../../../renderer/src/lib/detail-format.ts';
import { say } from '../../../renderer/src/lib/engine-text.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { smtpSummary } from '../../../renderer/src/lib/smtp-summary.ts';
import { tlsSummary } from '../../../renderer/src/lib/tls-summary.ts';
import { traceSummary } from '../../../renderer/src/lib/trace-summary.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { smtpRows, tlsRows } from '../../support/wire-rows.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);

const smtp = smtpRows();
const tls = tlsRows();

/** Each case: the row, then its English and Japanese text. */
const cases: [string, keyof typeof smtp | keyof typeof tls, string, string][] = [
  ['smtp', 'greeting', '220 mx.example.jp ESMTP SMTP Lab', '220 mx.example.jp ESMTP SMTP Lab'],
  ['smtp', 'ehloReply', '250 mx.example.jp at your service · AUTH PLAIN LOGIN, STARTTLS', '250 mx.example.jp at your service · AUTH PLAIN LOGIN, STARTTLS'],
  ['smtp', 'challenge', '334 VXNlcm5hbWU6 → "Username:"', '334 VXNlcm5hbWU6 → "Username:"'],
  ['smtp', 'authUser', 'YWxpY2U= → user alice', 'YWxpY2U= → ユーザー alice'],
  ['smtp', 'authPassword', 'c2VjcmV0 → password secret', 'c2VjcmV0 → パスワード secret'],
  [
    'smtp',
    'authCramMd5',
    'YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= → user alice, digest 0123456789abcdef0123456789abcdef',
    'YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= → ユーザー alice、ダイジェスト 0123456789abcdef0123456789abcdef',
  ],
  ['smtp', 'authPlain', 'AUTH PLAIN AGFsaWNlAHNlY3JldA== → user alice, password secret', 'AUTH PLAIN AGFsaWNlAHNlY3JldA== → ユーザー alice、パスワード secret'],
  ['smtp', 'message', 'Message: 39 octets, 5 lines, Subject: 会議', 'メッセージ：39 オクテット、5 行、Subject: 会議'],
  ['smtp', 'cutOff', 'Message cut off (no CRLF.CRLF before close): 23 octets, 3 lines, Subject: half', 'メッセージが途中で切断（CRLF.CRLF の前に接続終了）：23 オクテット、3 行、Subject: half'],
  ['smtp', 'continuation', '… 65536 more octets of an over-long line (131072 so far)', '… 長すぎる行の続き 65536 オクテット（ここまで 131072 オクテット）'],
  ['smtp', 'replyAfterStarttls', '250 injected', '250 injected'],
  ['smtp', 'commandAfterStarttls', 'RSET', 'RSET'],
  [
    'smtp',
    'starttlsBuffer',
    'mx.example.jp discarded 2 command line(s) sent in plaintext after STARTTLS: RSET | MAIL FROM:<m@attacker.example>',
    'mx.example.jp は STARTTLS のあと平文で送られたコマンド行 2 行を捨てた：RSET | MAIL FROM:<m@attacker.example>',
  ],
  [
    'tls',
    'clientHello',
    'ClientHello: offers TLSv1.3, TLSv1.2 · 3 cipher suites · SNI mx.example.jp · TLS_FALLBACK_SCSV',
    'ClientHello：TLSv1.3, TLSv1.2 を提示 · 暗号スイート 3 個 · SNI mx.example.jp · TLS_FALLBACK_SCSV',
  ],
  [
    'tls',
    'serverHello',
    'ServerHello: TLSv1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · downgrade sentinel (TLSv1.2) + ServerHelloDone',
    'ServerHello：TLSv1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · ダウングレード検知値（TLSv1.2） + ServerHelloDone',
  ],
  ['tls', 'record', 'TLS record type 24 (3 octets)', 'TLS レコード タイプ 24（3 オクテット）'],
  ['tls', 'alert', 'Alert: fatal illegal_parameter', 'Alert：fatal illegal_parameter'],
  ['tls', 'encrypted', 'Encrypted records ×2 (80 octets, encrypted)', '暗号化レコード ×2（80 オクテット、暗号化）'],
  ['tls', 'applicationData', 'ApplicationData ×2 (360 octets, encrypted)', 'アプリケーションデータ ×2（360 オクテット、暗号化）'],
  ['tls', 'truncatedHello', '(malformed: ClientHello: truncated: needed 32 octets, 8 left)', '（不正な形式：ClientHello：途中で切れている（あと 32 オクテット必要なところ、残りは 8 オクテット））'],
  ['tls', 'oversizedMessage', '(malformed: handshake message of 65537 octets)', '（不正な形式：65537 オクテットのハンドシェイクメッセージ）'],
  [
    'tls',
    'notTls',
    'Not TLS (content type 69 is not a TLS record type): 8 octets shown as opaque: EHLO x\\r\\n',
    'TLS ではない（コンテントタイプ 69 は TLS レコードのタイプではない）：8 オクテットを解読不能なデータとして表示：EHLO x\\r\\n',
  ],
  ['tls', 'opaque', 'Opaque data (6 octets): QUIT\\r\\n', '解読不能なデータ（6 オクテット）：QUIT\\r\\n'],
  ['tls', 'incomplete', 'Incomplete TLS record at close (8 octets)', '切断時に未完の TLS レコード（8 オクテット）'],
  ['tls', 'session', 'TLS session up at mx.example.jp: TLSv1.3, TLS_AES_256_GCM_SHA384', 'mx.example.jp で TLS セッション確立：TLSv1.3, TLS_AES_256_GCM_SHA384'],
];

const rowOf = (layer: string, name: string) => (layer === 'smtp' ? smtp[name as keyof typeof smtp] : tls[name as keyof typeof tls]);

describe('smtp and tls rows from the decoders', () => {
  it.each(cases)('%s %s', (layer, name, english, japanese) => {
    const row = rowOf(layer, name);
    expect(traceSummary(row, en)).toBe(english);
    expect(traceSummary(row, ja)).toBe(japanese);
  });

  it('reads every row through its typed detail, never falling back to the engine summary', () => {
    for (const [name, row] of Object.entries(smtp)) expect(smtpSummary(row, ja), name).not.toBeNull();
    for (const [name, row] of Object.entries(tls)) expect(tlsSummary(row, ja), name).not.toBeNull();
  });

  it('reads in English as the engine wrote it', () => {
    for (const [layer, name, english] of cases) expect(english, name).toBe(rowOf(layer, name).summary);
  });
});

/** The Texts a row's detail carries about its bytes. */
function sentencesOf(detail: Record<string, unknown> | undefined): Text[] {
  const d = detail ?? {};
  return [...((d.notesText as Text[] | undefined) ?? []), ...[d.errorText, d.noteText, d.reasonText].filter((v): v is Text => v !== undefined)];
}

describe('what the decoders say about the bytes', () => {
  const rows = [...Object.values(smtp), ...Object.values(tls)];

  it('is a catalogue Text with its English beside it, and reads as Japanese in Japanese', () => {
    const sentences = rows.flatMap((row) => sentencesOf(row.detail));
    // Notes of bare LFs in a command, a reply and a message, the "." + LF, the plaintext after STARTTLS both ways, TLS 1.3, two broken handshakes, not TLS.
    expect(sentences.length).toBeGreaterThanOrEqual(10);
    for (const sentence of sentences) {
      expect(japaneseProblems(renderText('ja', sentence)), sentence.key).toEqual([]);
      expect(japaneseProblems(renderText('en', sentence)).length, sentence.key).toBeGreaterThan(0);
    }
    for (const row of rows) {
      const d = row.detail ?? {};
      if (d.notesText) expect(d.notes).toEqual((d.notesText as Text[]).map((note) => renderText('en', note)));
      if (d.errorText) expect(d.error).toBe(renderText('en', d.errorText as Text));
    }
  });

  it('shows in the decoded view in the reader language, in place of the English', () => {
    const decoded = (name: keyof typeof smtp, t: typeof en) => flattenDetail(smtp[name].detail, 500, (value) => say(t, value));
    const message = decoded('message', ja);
    expect(message.map((r) => r.key)).not.toContain('notesText');
    expect(message.filter((r) => r.key.startsWith('[')).map((r) => r.value)).toEqual([
      '2 行が LF だけで終わっている。SMTP の行は CRLF で終わる（RFC 5321 §2.3.8）',
      '「.」の後が LF だけではメッセージは終わらない。終わりを示すのは CRLF.CRLF だけ（RFC 5321 §4.1.1.4）',
    ]);
    const command = decoded('bareLfCommand', ja);
    expect(command.find((r) => r.key === 'notes')?.value).toBe('行が LF だけで終わっている。SMTP の行は CRLF で終わる（RFC 5321 §2.3.8）');
    expect(decoded('commandAfterStarttls', en).find((r) => r.key === 'notes')?.value).toBe('sent in plaintext after STARTTLS, before the TLS handshake; the server must discard it (RFC 3207 §6)');
    const hello = flattenDetail(tls.truncatedHello.detail, 500, (value) => say(ja, value));
    expect(hello.find((r) => r.key === 'error')?.value).toBe('ClientHello：途中で切れている（あと 32 オクテット必要なところ、残りは 8 オクテット）');
    expect(hello.map((r) => r.key)).not.toContain('errorText');
  });
});
