// The lab's words about the bytes on the wire are catalogue Texts (detail.summaryText) that read as
// the row's English summary and, in Japanese, keep the bytes verbatim; a line as it went (a
// command, a reply) has no Text and is its own summary.
import { describe, expect, it } from 'vitest';
import { english, isText, renderText, type Text } from '../../../common/i18n/text.ts';
import type { DecodedEvent } from '../../../engine/protocol/decoded-event.ts';
import { TlsFlow } from '../../../engine/protocol/tls-flow.ts';
import { Playbook } from './playbook.ts';
import { clientHello, downgradeRandom, record, serverHello } from './tls-builders.ts';

const HANDSHAKE = 22;
const APP = 23;

function sentence(row: DecodedEvent): Text {
  const said = row.detail.summaryText;
  if (!isText(said)) throw new Error(`no Text on "${row.summary}"`);
  expect(english(said)).toBe(row.summary);
  return said;
}

const japanese = (row: DecodedEvent) => renderText('ja', sentence(row));

describe('SMTP rows', () => {
  it('keep commands and replies as they went, with no Text', () => {
    const book = new Playbook().server('220 mx.example.jp ESMTP SMTP Lab\r\n').client('EHLO learner.example\r\n').server('250 OK\r\n');
    expect(book.rows.map((r) => [r.summary, r.detail.summaryText])).toEqual([
      ['220 mx.example.jp ESMTP SMTP Lab', undefined],
      ['EHLO learner.example', undefined],
      ['250 OK', undefined],
    ]);
  });

  it('say what AUTH, a long reply, a line that is no reply and the message are in Japanese', () => {
    const blob = Buffer.from('\0alice\0alice-password').toString('base64');
    const book = new Playbook()
      .server('220 hi\r\n')
      .client(`AUTH PLAIN ${blob}\r\n`)
      .server('214-a\r\n214-b\r\n214-c\r\n214 d\r\n')
      .client('DATA\r\n')
      .server('354 go\r\n')
      .client('Subject: Hello lab\r\n\r\nbody\r\n.\r\n');
    expect(japanese(book.rows[1])).toBe(`AUTH PLAIN ${blob} → ユーザー alice、パスワード alice-password`);
    expect(japanese(book.rows[2])).toBe('214 a（ほか 3 行）');
    expect(japanese(book.rows[5])).toBe('メッセージ：28 オクテット、3 行、Subject: Hello lab');
    const stray = new Playbook().server('HTTP/1.1 400 Bad Request\r\n');
    expect(japanese(stray.rows[0])).toBe('（SMTP の応答ではない）HTTP/1.1 400 Bad Request');
  });
});

describe('TLS rows', () => {
  it('name messages, versions and cipher suites as TLS does, the rest in Japanese', () => {
    const [hello] = new TlsFlow().feed('c2s', record(HANDSHAKE, clientHello({ versions: [0x0304, 0x0303], suites: [0x1302, 0x1301], sni: 'mx.example.jp' }), 0x0301));
    expect(japanese(hello)).toBe('ClientHello：TLSv1.3, TLSv1.2 を提示 · 暗号スイート 2 個 · SNI mx.example.jp');
    const [sentinel] = new TlsFlow().feed('s2c', record(HANDSHAKE, serverHello({ suite: 0xc02f, random: downgradeRandom(1) })));
    expect(japanese(sentinel)).toBe('ServerHello：TLSv1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · ダウングレード検知値（TLSv1.2）');
    const rows = new TlsFlow().feed('s2c', Buffer.concat([record(HANDSHAKE, serverHello({ selectedVersion: 0x0304, suite: 0x1302 })), record(APP, Buffer.alloc(100)), record(APP, Buffer.alloc(200))]));
    expect(rows[0].summary).toBe('ServerHello: TLSv1.3 · TLS_AES_256_GCM_SHA384');
    expect(rows[0].detail.summaryText).toBeUndefined();
    expect(japanese(rows[1])).toBe('アプリケーションデータ ×2（310 オクテット、暗号化）');
  });

  it('say how much of a record was cut off at close', () => {
    const flow = new TlsFlow();
    flow.feed('c2s', record(HANDSHAKE, clientHello({ suites: [0x1301] })).subarray(0, 20));
    const [cut] = flow.finish();
    expect(japanese(cut)).toBe('切断時に未完の TLS レコード（20 オクテット）');
  });
});
