import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { errorNote } from '../../../engine/protocol/error-notes.ts';
import { op25bFilter } from '../../../engine/network/op25b.ts';
import dnsPacket from 'dns-packet';
import { forgeryEvent } from '../../../engine/dns/resolver/dns-trace.ts';
import { answerForger, dropForger, type ForgerAction } from '../../../engine/dns/resolver/forger.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { fieldLabel, traceSummary } from '../../../renderer/src/lib/trace-summary.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);

let seq = 0;
function ev(layer: TraceEvent['layer'], dir: TraceEvent['dir'], summary: string, detail: Record<string, unknown> | undefined, extra: Partial<TraceEvent> = {}): TraceEvent {
  return { seq: ++seq, t: 0, flow: 'f1', link: { from: 'terminal', to: 'mx.example.jp', port: 25 }, layer, dir, summary, detail, visibility: 'plaintext', ...extra };
}

/** The record header of a tls row, as engine/protocol/tls-flow.ts writes it. */
const record = (contentType: number, length: number) => ({ contentType, version: '0x0303', length });

/** Each case: the event (its summary is what the engine emits), then the English and Japanese rows. */
const cases: [string, TraceEvent, string, string][] = [
  ['tcp open', ev('tcp', 'c2s', 'TCP open terminal → mx.example.jp:25', { kind: 'open', clientPort: 5000 }), 'TCP open your terminal → mx.example.jp:25', 'TCP 接続を開始 あなたの端末 → mx.example.jp:25'],
  ['tcp fin s2c', ev('tcp', 's2c', 'FIN from mx.example.jp (no more data this way)', { kind: 'fin' }), 'FIN from mx.example.jp (no more data this way)', 'mx.example.jp から FIN（この向きの送信は終了）'],
  ['tcp fin c2s', ev('tcp', 'c2s', 'FIN from terminal (no more data this way)', { kind: 'fin' }), 'FIN from your terminal (no more data this way)', 'あなたの端末 から FIN（この向きの送信は終了）'],
  ['tcp reset', ev('tcp', 'c2s', 'RST from terminal (ECONNRESET)', { kind: 'reset', error: 'ECONNRESET' }), 'RST from your terminal (ECONNRESET)', 'あなたの端末 から RST（ECONNRESET）'],
  ['tcp refused', ev('tcp', 's2c', 'TCP connect to mx.example.jp:25 failed (ECONNREFUSED)', { kind: 'refused', error: 'ECONNREFUSED' }), 'TCP connect to mx.example.jp:25 failed (ECONNREFUSED)', 'mx.example.jp:25 への TCP 接続に失敗（ECONNREFUSED）'],
  ['tcp closed', ev('tcp', 'none', 'TCP closed (800 octets →, 1938 octets ←)', { kind: 'closed', octets: { c2s: 800, s2c: 1938 }, durationMs: 3898, reset: false }), 'TCP closed (800 octets →, 1938 octets ←)', 'TCP 接続を終了（→ 800 オクテット、← 1938 オクテット）'],

  ['smtp greeting', ev('smtp', 's2c', '220 mx.example.jp ESMTP SMTP Lab', { kind: 'reply', code: 220, lines: ['mx.example.jp ESMTP SMTP Lab'], inReplyTo: null }), '220 mx.example.jp ESMTP SMTP Lab', '220 mx.example.jp ESMTP SMTP Lab'],
  ['smtp command', ev('smtp', 'c2s', 'EHLO learner.example', { kind: 'command', verb: 'EHLO', args: 'learner.example' }), 'EHLO learner.example', 'EHLO learner.example'],
  ['smtp empty command', ev('smtp', 'c2s', '(empty line)', { kind: 'command', verb: '', args: '' }), '(empty line)', '（空行）'],
  [
    'smtp ehlo reply',
    ev('smtp', 's2c', '250 mx.example.jp at your service · PIPELINING, STARTTLS', { kind: 'reply', code: 250, lines: ['mx.example.jp at your service', 'PIPELINING', 'STARTTLS'], inReplyTo: 'EHLO', extensions: ['PIPELINING', 'STARTTLS'] }),
    '250 mx.example.jp at your service · PIPELINING, STARTTLS',
    '250 mx.example.jp at your service · PIPELINING, STARTTLS',
  ],
  ['smtp multi-line reply', ev('smtp', 's2c', '214 Commands (+2 lines)', { kind: 'reply', code: 214, lines: ['Commands', 'HELO EHLO', 'MAIL RCPT'], inReplyTo: 'HELP' }), '214 Commands (+2 lines)', '214 Commands（ほか 2 行）'],
  ['smtp not a reply', ev('smtp', 's2c', '(not an SMTP reply) hello', { kind: 'reply', code: null, lines: ['hello'], inReplyTo: null, malformed: true }), '(not an SMTP reply) hello', '（SMTP の応答ではない）hello'],
  ['smtp 334 challenge', ev('smtp', 's2c', '334 VXNlcm5hbWU6 → "Username:"', { kind: 'reply', code: 334, lines: ['VXNlcm5hbWU6'], inReplyTo: 'AUTH', decoded: 'Username:' }), '334 VXNlcm5hbWU6 → "Username:"', '334 VXNlcm5hbWU6 → "Username:"'],
  [
    'smtp AUTH PLAIN',
    ev('smtp', 'c2s', 'AUTH PLAIN AGFsaWNlAHNlY3JldA== → user alice, password secret', { kind: 'command', verb: 'AUTH', args: 'PLAIN AGFsaWNlAHNlY3JldA==', auth: { mechanism: 'PLAIN', username: 'alice', password: 'secret' } }),
    'AUTH PLAIN AGFsaWNlAHNlY3JldA== → user alice, password secret',
    'AUTH PLAIN AGFsaWNlAHNlY3JldA== → ユーザー alice、パスワード secret',
  ],
  ['smtp auth response', ev('smtp', 'c2s', 'YWxpY2U= → alice', { kind: 'auth-response', line: 'YWxpY2U=', auth: { mechanism: 'LOGIN', username: 'alice' } }), 'YWxpY2U= → user alice', 'YWxpY2U= → ユーザー alice'],
  ['smtp auth cancel', ev('smtp', 'c2s', '* → cancel (RFC 4954 §4)', { kind: 'auth-response', line: '*', auth: { mechanism: 'LOGIN', cancelled: true } }), '* → cancel (RFC 4954 §4)', '* → 取り消し（RFC 4954 §4）'],
  ['smtp auth bad base64', ev('smtp', 'c2s', '!!! → not valid base64', { kind: 'auth-response', line: '!!!', auth: { mechanism: 'LOGIN', invalidBase64: true } }), '!!! → not valid base64', '!!! → 正しい base64 ではない'],
  [
    'smtp continuation',
    ev('smtp', 'c2s', '… 4096 more octets of an over-long line (8192 so far)', { kind: 'continuation', octets: 4096, lineLength: 8192 }),
    '… 4096 more octets of an over-long line (8192 so far)',
    '… 長すぎる行の続き 4096 オクテット（ここまで 8192 オクテット）',
  ],
  [
    'smtp line too long reply',
    ev('smtp', 's2c', '500 Line too long: 600 octets, the limit is 512 (RFC 5321 section 4.5.3.1.4)', { kind: 'reply', code: 500, lines: ['Line too long: 600 octets, the limit is 512 (RFC 5321 section 4.5.3.1.4)'], inReplyTo: 'XXXX' }),
    '500 Line too long: 600 octets, the limit is 512 (RFC 5321 section 4.5.3.1.4)',
    '500 Line too long: 600 octets, the limit is 512 (RFC 5321 section 4.5.3.1.4)',
  ],
  ['smtp message', ev('smtp', 'c2s', 'Message: 22 octets, 3 lines, Subject: hi', { kind: 'data', complete: true, size: 22, lines: 3, subject: 'hi' }), 'Message: 22 octets, 3 lines, Subject: hi', 'メッセージ：22 オクテット、3 行、Subject: hi'],
  [
    'smtp message cut off',
    ev('smtp', 'c2s', 'Message cut off (no CRLF.CRLF before close): 5 octets, 1 lines', { kind: 'data', complete: false, size: 5, lines: 1, subject: null }),
    'Message cut off (no CRLF.CRLF before close): 5 octets, 1 lines',
    'メッセージが途中で切断（CRLF.CRLF の前に接続終了）：5 オクテット、1 行',
  ],

  [
    'tls ClientHello',
    ev('tls', 'c2s', 'ClientHello: offers TLSv1.3, TLSv1.2 · 3 cipher suites · SNI mx.example.jp', {
      kind: 'handshake',
      messages: ['ClientHello'],
      record: record(22, 512),
      clientHello: { offeredVersions: ['TLSv1.3', 'TLSv1.2'], cipherSuites: ['a', 'b', 'c'], sni: 'mx.example.jp', fallbackScsv: false },
    }),
    'ClientHello: offers TLSv1.3, TLSv1.2 · 3 cipher suites · SNI mx.example.jp',
    'ClientHello：TLSv1.3, TLSv1.2 を提示 · 暗号スイート 3 個 · SNI mx.example.jp',
  ],
  [
    'tls ClientHello fallback',
    ev('tls', 'c2s', 'ClientHello: offers TLSv1.1 · 1 cipher suites · TLS_FALLBACK_SCSV', { kind: 'handshake', messages: ['ClientHello'], record: record(22, 80), clientHello: { offeredVersions: ['TLSv1.1'], cipherSuites: ['a'], sni: null, fallbackScsv: true } }),
    'ClientHello: offers TLSv1.1 · 1 cipher suites · TLS_FALLBACK_SCSV',
    'ClientHello：TLSv1.1 を提示 · 暗号スイート 1 個 · TLS_FALLBACK_SCSV',
  ],
  [
    'tls ServerHello',
    ev('tls', 's2c', 'ServerHello: TLSv1.3 · TLS_AES_256_GCM_SHA384', { kind: 'handshake', messages: ['ServerHello'], record: record(22, 90), serverHello: { helloRetryRequest: false, version: 'TLSv1.3', cipherSuite: 'TLS_AES_256_GCM_SHA384', downgradeSentinel: null } }),
    'ServerHello: TLSv1.3 · TLS_AES_256_GCM_SHA384',
    'ServerHello：TLSv1.3 · TLS_AES_256_GCM_SHA384',
  ],
  [
    'tls ServerHello TLS 1.2 with more messages and sentinel',
    ev('tls', 's2c', 'ServerHello: TLSv1.2 · X · downgrade sentinel (TLSv1.2) + Certificate, ServerHelloDone', {
      kind: 'handshake',
      messages: ['ServerHello', 'Certificate', 'ServerHelloDone'],
      record: record(22, 1200),
      serverHello: { helloRetryRequest: false, version: 'TLSv1.2', cipherSuite: 'X', downgradeSentinel: 'TLSv1.2' },
    }),
    'ServerHello: TLSv1.2 · X · downgrade sentinel (TLSv1.2) + Certificate, ServerHelloDone',
    'ServerHello：TLSv1.2 · X · ダウングレード検知値（TLSv1.2） + Certificate, ServerHelloDone',
  ],
  [
    'tls HelloRetryRequest',
    ev('tls', 's2c', 'HelloRetryRequest: TLSv1.3 · TLS_AES_128_GCM_SHA256', { kind: 'handshake', messages: ['HelloRetryRequest'], record: record(22, 88), serverHello: { helloRetryRequest: true, version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', downgradeSentinel: null } }),
    'HelloRetryRequest: TLSv1.3 · TLS_AES_128_GCM_SHA256',
    'HelloRetryRequest：TLSv1.3 · TLS_AES_128_GCM_SHA256',
  ],
  ['tls handshake other messages', ev('tls', 's2c', 'Certificate, ServerKeyExchange', { kind: 'handshake', messages: ['Certificate', 'ServerKeyExchange'], record: record(22, 900) }), 'Certificate, ServerKeyExchange', 'Certificate, ServerKeyExchange'],
  [
    'tls handshake malformed, its error in English only',
    ev('tls', 'c2s', '(malformed: ClientHello: truncated)', { kind: 'handshake', messages: ['ClientHello'], record: record(22, 40), error: 'ClientHello: truncated' }),
    '(malformed: ClientHello: truncated)',
    '（不正な形式：ClientHello: truncated）',
  ],
  ['tls handshake fragment', ev('tls', 'c2s', 'Handshake fragment (100 octets)', { kind: 'handshake', messages: [], record: record(22, 100) }), 'Handshake fragment (100 octets)', 'ハンドシェイクの断片（100 オクテット）'],
  ['tls ChangeCipherSpec', ev('tls', 's2c', 'ChangeCipherSpec', { kind: 'change_cipher_spec', record: record(20, 1) }), 'ChangeCipherSpec', 'ChangeCipherSpec'],
  ['tls alert', ev('tls', 's2c', 'Alert: fatal inappropriate_fallback', { kind: 'alert', level: 'fatal', description: 'inappropriate_fallback', code: 86, record: record(21, 2) }), 'Alert: fatal inappropriate_fallback', 'Alert：fatal inappropriate_fallback'],
  ['tls other record', ev('tls', 's2c', 'TLS record type 24 (3 octets)', { kind: 'record', record: { contentType: 24, version: '0x0303', length: 3 } }), 'TLS record type 24 (3 octets)', 'TLS レコード タイプ 24（3 オクテット）'],
  [
    'tls application data',
    ev('tls', 's2c', 'ApplicationData (36 octets, encrypted)', { kind: 'encrypted', records: 1, octets: 36, contentTypes: [23] }, { visibility: 'encrypted' }),
    'ApplicationData (36 octets, encrypted)',
    'アプリケーションデータ（36 オクテット、暗号化）',
  ],
  [
    'tls application data run',
    ev('tls', 's2c', 'ApplicationData ×4 (711 octets, encrypted)', { kind: 'encrypted', records: 4, octets: 711, contentTypes: [23] }, { visibility: 'encrypted' }),
    'ApplicationData ×4 (711 octets, encrypted)',
    'アプリケーションデータ ×4（711 オクテット、暗号化）',
  ],
  [
    'tls encrypted records',
    ev('tls', 's2c', 'Encrypted records ×2 (90 octets, encrypted)', { kind: 'encrypted', records: 2, octets: 90, contentTypes: [22, 21] }, { visibility: 'encrypted' }),
    'Encrypted records ×2 (90 octets, encrypted)',
    '暗号化レコード ×2（90 オクテット、暗号化）',
  ],
  ['tls incomplete', ev('tls', 'c2s', 'Incomplete TLS record at close (7 octets)', { kind: 'incomplete', octets: 7 }), 'Incomplete TLS record at close (7 octets)', '切断時に未完の TLS レコード（7 オクテット）'],
  [
    'tls not TLS',
    ev('tls', 'c2s', 'Not TLS (content type 69 is not a TLS record type): 6 octets shown as opaque: EHLO x', { kind: 'not-tls', reason: 'content type 69 is not a TLS record type', octets: 6, preview: 'EHLO x' }),
    'Not TLS (content type 69 is not a TLS record type): 6 octets shown as opaque: EHLO x',
    'TLS ではない（content type 69 is not a TLS record type）：6 オクテットを解読不能なデータとして表示：EHLO x',
  ],
  ['tls opaque', ev('tls', 'c2s', 'Opaque data (4 octets): QUIT', { kind: 'opaque', reason: 'not TLS', octets: 4, preview: 'QUIT' }), 'Opaque data (4 octets): QUIT', '解読不能なデータ（4 オクテット）：QUIT'],
  [
    'tls session',
    ev('tls', 'none', 'TLS session up at mx.example.jp: TLSv1.3, TLS_AES_256_GCM_SHA384', { kind: 'session', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', sni: 'mx.example.jp', by: 'mx.example.jp' }),
    'TLS session up at mx.example.jp: TLSv1.3, TLS_AES_256_GCM_SHA384',
    'mx.example.jp で TLS セッション確立：TLSv1.3, TLS_AES_256_GCM_SHA384',
  ],

  [
    'mailbox stored over TLS',
    ev('mailbox', 'none', `Stored m1 in mx.example.jp's mailbox: "hi" from <a@learner.example> (TLSv1.3, TLS_AES_256_GCM_SHA384)`, {
      kind: 'stored',
      id: 'm1',
      subject: 'hi',
      size: 22,
      mailFrom: 'a@learner.example',
      rcptTo: ['taro@example.jp'],
      tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      authUser: null,
    }),
    `Stored m1 in mx.example.jp's mailbox: "hi" from <a@learner.example> (TLSv1.3, TLS_AES_256_GCM_SHA384)`,
    'mx.example.jp の受信箱に m1 を保存：件名「hi」、送信者 <a@learner.example>（TLSv1.3, TLS_AES_256_GCM_SHA384）',
  ],
  [
    'mailbox stored with REQUIRETLS',
    ev('mailbox', 'none', `Stored m3 in mx.example.jp's mailbox: "r" from <a@learner.example> (TLSv1.3, TLS_AES_256_GCM_SHA384, REQUIRETLS)`, {
      kind: 'stored',
      id: 'm3',
      subject: 'r',
      mailFrom: 'a@learner.example',
      tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      requireTls: true,
    }),
    `Stored m3 in mx.example.jp's mailbox: "r" from <a@learner.example> (TLSv1.3, TLS_AES_256_GCM_SHA384, REQUIRETLS)`,
    'mx.example.jp の受信箱に m3 を保存：件名「r」、送信者 <a@learner.example>（TLSv1.3, TLS_AES_256_GCM_SHA384, REQUIRETLS）',
  ],
  [
    'mailbox stored in plaintext',
    ev('mailbox', 'none', `Stored m2 in mx.example.jp's mailbox: "x" from <> (plaintext)`, { kind: 'stored', id: 'm2', subject: 'x', mailFrom: '', tls: null }),
    `Stored m2 in mx.example.jp's mailbox: "x" from <> (plaintext)`,
    'mx.example.jp の受信箱に m2 を保存：件名「x」、送信者 <>（平文）',
  ],

  ['note decoder error', ev('note', 'none', 'decoder error: boom', { kind: 'decoder-error' }), 'decoder error: boom', 'デコーダーのエラー：boom'],
  [
    'note interceptor error',
    ev('note', 'c2s', 'interceptor error, chunk passed on unchanged: boom', { kind: 'interceptor-error' }),
    'interceptor error, chunk passed on unchanged: boom',
    'インターセプターのエラー（このチャンクは書き換えずに転送）：boom',
  ],
  (() => {
    const blocked = op25bFilter()({ from: 'terminal', to: 'mx.example.jp', port: 25, targetPort: 1 })!;
    return [
      'tcp blocked by OP25B',
      ev('tcp', 'none', blocked.summary, { kind: 'blocked', by: blocked.by, rule: blocked.rule, summaryText: blocked.summaryText }),
      'isp.example blocks outbound port 25 from the terminal (OP25B): connection to mx.example.jp:25 refused; submit on port 587 with SMTP AUTH',
      'isp.example が端末からの外向きのポート 25 を塞いでいる（OP25B）：mx.example.jp:25 への接続は拒否された。SMTP AUTH を使ってポート 587 で投稿する',
    ] as [string, TraceEvent, string, string];
  })(),
  [
    'note checker end',
    ev('note', 'none', 'checker.example: example.jp scores 50% (not passing: dnssec, dane)', {
      kind: 'checker',
      phase: 'end',
      domain: 'example.jp',
      score: 50,
      failed: ['dnssec', 'dane'],
      passed: [],
      summaryText: { key: 'traceNote.checkerEnd', params: { node: 'checker.example', domain: 'example.jp', score: 50, failed: 'dnssec, dane' } },
    }),
    'checker.example: example.jp scores 50% (not passing: dnssec, dane)',
    'checker.example：example.jp の得点は 50%（不合格：dnssec, dane）',
  ],
  ...(() => {
    // The forgers themselves, on a real query and reply: the row's fields say what they did.
    const query = dnsPacket.decode(dnsPacket.encode({ type: 'query', id: 1, questions: [{ type: 'MX', name: 'example.jp' }] }));
    const reply = dnsPacket.decode(dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'MX', name: 'example.jp' }], answers: [{ type: 'MX', name: 'example.jp', ttl: 300, data: { preference: 10, exchange: 'mx.example.jp' } }] }));
    const row = (forger: string, action: ForgerAction): TraceEvent => {
      if (action.action === 'pass') throw new Error('passed');
      const { action: kind, note, change, question, records } = action;
      const input = forgeryEvent('f9', { from: 'terminal', to: 'ns.example.jp', port: 53 }, { forger, action: kind, note, change, question, ...(records !== undefined ? { records } : {}), before: Buffer.alloc(0), after: null });
      return { ...input, seq: ++seq, t: 0 };
    };
    const mx = [{ type: 'MX', name: 'example.jp', ttl: 300, data: { preference: 10, exchange: 'mx.attacker.example' } }] as never;
    return [
      ['dns forger replaced', row('forge example.jp MX', answerForger('example.jp', 'MX', mx).onReply(query, reply, Buffer.alloc(0))), 'forge example.jp MX: example.jp MX replaced (1 record(s))', 'forge example.jp MX：example.jp MX を偽のレコード 1 件に差し替え'],
      ['dns forger removed', row('strip', answerForger('example.jp', 'MX', []).onReply(query, reply, Buffer.alloc(0))), 'strip: example.jp MX removed', 'strip：example.jp MX を応答から削除'],
      ['dns forger dropped', row('drop example.jp MX', dropForger('example.jp', 'MX').onReply(query, reply, Buffer.alloc(0))), 'drop example.jp MX: reply to example.jp MX dropped', 'drop example.jp MX：example.jp MX への応答を破棄'],
    ] as [string, TraceEvent, string, string][];
  })(),
  ...(['decoder-error', 'dns-undecoded', 'attack-error'] as const).map((kind): [string, TraceEvent, string, string] => {
    const note = errorNote(kind, 'c2s', new Error('line 3: bad length'));
    const row = ev('note', 'c2s', note.summary, note.detail);
    const said = {
      'decoder-error': ['decoder error: line 3: bad length', 'デコーダーのエラー：line 3: bad length'],
      'dns-undecoded': ['reply relayed undecoded: line 3: bad length', '応答をデコードせずに中継した：line 3: bad length'],
      'attack-error': ['attack error, chunk passed on unchanged: line 3: bad length', '攻撃処理のエラー（このチャンクは書き換えずに転送）：line 3: bad length'],
    }[kind];
    return [`note ${kind} as the engine writes it`, row, said[0], said[1]];
  }),

  [
    'https request',
    ev('https', 'c2s', 'GET /.well-known/mta-sts.txt (Host: mta-sts.example.jp)', { method: 'GET', path: '/.well-known/mta-sts.txt', host: 'mta-sts.example.jp' }, { visibility: 'encrypted' }),
    'GET /.well-known/mta-sts.txt (Host: mta-sts.example.jp)',
    'GET /.well-known/mta-sts.txt（Host: mta-sts.example.jp）',
  ],
  [
    'https request as the policy host writes it',
    ev('https', 'c2s', 'GET /.well-known/mta-sts.txt (Host: mta-sts.example.jp)', { kind: 'request', method: 'GET', path: '/.well-known/mta-sts.txt', host: 'mta-sts.example.jp' }, { visibility: 'encrypted' }),
    'GET /.well-known/mta-sts.txt (Host: mta-sts.example.jp)',
    'GET /.well-known/mta-sts.txt（Host: mta-sts.example.jp）',
  ],
  ['https request without host', ev('https', 'c2s', 'GET / (Host: none)', { method: 'GET', path: '/', host: '' }), 'GET / (Host: none)', 'GET /（Host: なし）'],
  [
    'https response',
    ev('https', 's2c', 'GET /.well-known/mta-sts.txt -> 200 text/plain (88 bytes)', { status: 200, contentType: 'text/plain', bytes: 88, lesson: 'ok' }, { visibility: 'encrypted' }),
    'GET /.well-known/mta-sts.txt -> 200 text/plain (88 bytes)',
    'GET /.well-known/mta-sts.txt -> 200 text/plain（88 バイト）',
  ],
  [
    'https redirect',
    ev('https', 's2c', 'GET /x -> 301 text/plain (0 bytes) Location: https://e/', { status: 301, contentType: 'text/plain', bytes: 0, location: 'https://e/' }),
    'GET /x -> 301 text/plain (0 bytes) Location: https://e/',
    'GET /x -> 301 text/plain（0 バイト） Location: https://e/',
  ],

  ['dns query', ev('dns', 'c2s', 'example.jp MX ?', { name: 'example.jp', type: 'MX', purpose: 'question', dnssecOk: true }), 'example.jp MX ?', 'example.jp MX ?'],
  ['dns chain query', ev('dns', 'c2s', 'example.jp DNSKEY ? (chain)', { name: 'example.jp', type: 'DNSKEY', purpose: 'chain', dnssecOk: true }), 'example.jp DNSKEY ? (chain)', 'example.jp DNSKEY ?（信頼の連鎖の検証）'],
  [
    'dns answer',
    ev('dns', 's2c', 'example.jp MX -> 10 mx.example.jp (1 RRSIG)', { name: 'example.jp', type: 'MX', purpose: 'question', rcode: 'NOERROR', answers: ['10 mx.example.jp'], rrsigs: [{ covered: 'MX' }] }),
    'example.jp MX -> 10 mx.example.jp (1 RRSIG)',
    'example.jp MX -> 10 mx.example.jp（RRSIG 1 個）',
  ],
  ['dns answer unsigned', ev('dns', 's2c', 'nope.jp A -> NXDOMAIN', { name: 'nope.jp', type: 'A', purpose: 'question', rcode: 'NXDOMAIN', answers: [], rrsigs: [] }), 'nope.jp A -> NXDOMAIN', 'nope.jp A -> NXDOMAIN'],
  [
    'dns verdict',
    ev('dns', 'none', 'example.jp MX ? -> 10 mx.example.jp [secure]', { name: 'example.jp', type: 'MX', status: 'secure', rcode: 'NOERROR', cached: false }),
    'example.jp MX ? -> 10 mx.example.jp [secure]',
    'example.jp MX ? -> 10 mx.example.jp [検証成功]',
  ],
  [
    'dns verdict cached bogus',
    ev('dns', 'none', 'example.jp TLSA ? -> SERVFAIL [bogus] (cached)', { name: 'example.jp', type: 'TLSA', status: 'bogus', rcode: 'SERVFAIL', cached: true }),
    'example.jp TLSA ? -> SERVFAIL [bogus] (cached)',
    'example.jp TLSA ? -> SERVFAIL [検証失敗]（キャッシュ）',
  ],
  ['dns verdict insecure', ev('dns', 'none', 'a.jp A ? -> 1.2.3.4 [insecure]', { name: 'a.jp', type: 'A', status: 'insecure', cached: false }), 'a.jp A ? -> 1.2.3.4 [insecure]', 'a.jp A ? -> 1.2.3.4 [署名なし]'],
  ['dns verdict unchecked', ev('dns', 'none', 'a.jp A ? -> 1.2.3.4 [unchecked]', { name: 'a.jp', type: 'A', status: 'unchecked', cached: false }), 'a.jp A ? -> 1.2.3.4 [unchecked]', 'a.jp A ? -> 1.2.3.4 [未検証]'],
  ['dns zone mode', ev('dns', 'none', 'zone example.jp.: signed -> unsigned', { zone: 'example.jp.', op: 'mode', before: 'signed', after: 'unsigned', resigned: true }), 'zone example.jp.: signed -> unsigned', 'ゾーン example.jp.：signed -> unsigned'],
  [
    'dns zone add',
    ev('dns', 'none', 'zone example.jp.: TXT _mta-sts.example.jp. added -> "v=STSv1; id=2" (serial 2, zone re-signed)', { zone: 'example.jp.', op: 'add', name: '_mta-sts.example.jp.', type: 'TXT', before: [], after: [], serial: 2, record: '"v=STSv1; id=2"' }),
    'zone example.jp.: TXT _mta-sts.example.jp. added -> "v=STSv1; id=2" (serial 2, zone re-signed)',
    'ゾーン example.jp.：TXT _mta-sts.example.jp. を追加 -> "v=STSv1; id=2"（シリアル 2、ゾーンを再署名）',
  ],
  ['dns zone delete', ev('dns', 'none', 'zone example.jp.: TLSA _25._tcp.mx.example.jp. deleted', { zone: 'example.jp.', op: 'delete', name: '_25._tcp.mx.example.jp.', type: 'TLSA' }), 'zone example.jp.: TLSA _25._tcp.mx.example.jp. deleted', 'ゾーン example.jp.：TLSA _25._tcp.mx.example.jp. を削除'],
  ['dns zone replace', ev('dns', 'none', 'zone example.jp.: A a.example.jp. replaced -> 1.2.3.4', { zone: 'example.jp.', op: 'replace', name: 'a.example.jp.', type: 'A' }), 'zone example.jp.: A a.example.jp. replaced -> 1.2.3.4', 'ゾーン example.jp.：A a.example.jp. を置き換え -> 1.2.3.4'],

  [
    'attack forged answer',
    ev('attack', 's2c', 'forge example.jp MX: example.jp MX replaced (1 record(s))', { forger: 'forge example.jp MX', action: 'replace', note: 'example.jp MX replaced (1 record(s))' }),
    'forge example.jp MX: example.jp MX replaced (1 record(s))',
    'forge example.jp MX：example.jp MX を偽のレコード 1 件に差し替え',
  ],
  ['attack removed', ev('attack', 's2c', 'strip: _mta-sts.example.jp TXT removed', { forger: 'strip', action: 'replace', note: '_mta-sts.example.jp TXT removed' }), 'strip: _mta-sts.example.jp TXT removed', 'strip：_mta-sts.example.jp TXT を応答から削除'],
  ['attack dropped', ev('attack', 's2c', 'drop a.jp A: reply to a.jp A dropped', { forger: 'drop a.jp A', action: 'drop', note: 'reply to a.jp A dropped' }), 'drop a.jp A: reply to a.jp A dropped', 'drop a.jp A：a.jp A への応答を破棄'],
];

describe('trace row text', () => {
  it.each(cases)('%s', (_name, event, english, japanese) => {
    expect(traceSummary(event, en)).toBe(english);
    expect(traceSummary(event, ja)).toBe(japanese);
  });

  it('renders the engine summaries in English, naming the terminal as the UI does', () => {
    for (const [name, event, english] of cases) {
      // The auth response adds decoded credentials; the OP25B sentence names "the terminal" as the ISP sees it.
      if (name === 'smtp auth response' || name === 'tcp blocked by OP25B') continue;
      expect(english, name).toBe(event.summary.replace(/\bterminal\b/, 'your terminal'));
    }
  });

  it('keeps the engine summary for an unknown detail kind or no detail', () => {
    const unknown = ev('tls', 's2c', 'Something new', { kind: 'future-kind' });
    expect(traceSummary(unknown, ja)).toBe('Something new');
    expect(traceSummary(ev('policy', 'none', 'MTA-STS policy: enforce', undefined), ja)).toBe('MTA-STS policy: enforce');
    expect(traceSummary(ev('attack', 's2c', 'strip: something else', { forger: 'strip', action: 'replace', note: 'something else' }), ja)).toBe('strip: something else');
  });

  it('keeps the protocol tokens the ladder is searched for in both locales', () => {
    const hello = cases.find(([name]) => name === 'tls ClientHello')![1];
    const server = cases.find(([name]) => name === 'tls ServerHello')![1];
    for (const t of [en, ja]) {
      expect(traceSummary(hello, t)).toContain('ClientHello');
      expect(traceSummary(server, t)).toContain('ServerHello');
      expect(traceSummary(server, t)).toContain('TLSv1.3');
    }
  });
});

describe('decoded field labels', () => {
  it('names the lab fields in the chosen language and leaves others as they are', () => {
    expect(fieldLabel('inReplyTo', en)).toBe('in reply to');
    expect(fieldLabel('inReplyTo', ja)).toBe('対応するコマンド');
    expect(fieldLabel('offeredVersions', ja)).toBe('提示したバージョン');
    expect(fieldLabel('sni', ja)).toBe('sni');
    expect(fieldLabel('[0]', ja)).toBe('[0]');
    expect(fieldLabel('constructor', ja)).toBe('constructor');
  });
});
