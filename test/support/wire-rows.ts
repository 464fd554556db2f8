// Trace rows of every smtp and tls kind, as the engine's decoders write them from scripted bytes:
// the guards and the row texts are tested on what the engine produces, not on hand-written details.
import type { TraceEvent } from '../../common/trace.ts';
import type { DecodedEvent, WireDir } from '../../engine/protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../../engine/protocol/smtp-flow-decoder.ts';
import { TlsFlow } from '../../engine/protocol/tls-flow.ts';
import { TLS_FALLBACK_SCSV } from '../../engine/protocol/tls-names.ts';
import { starttlsBufferRow } from '../../engine/nodes/receiver/starttls-buffer.ts';
import { clientHello, downgradeRandom, handshake, record, serverHello } from '../unit/protocol/tls-builders.ts';

const HANDSHAKE = 22;
const CCS = 20;
const ALERT = 21;
const APP = 23;
const HEARTBEAT = 24;

let seq = 0;

/** A decoder's row as the trace store keeps it: on the link terminal → mx.example.jp:25. */
export function traced(row: DecodedEvent): TraceEvent {
  return { ...row, seq: ++seq, t: 0, flow: 'f1', link: { from: 'terminal', to: 'mx.example.jp', port: 25 } };
}

type Script = [WireDir | 'close', string | Buffer][];

function smtp(script: Script): TraceEvent[] {
  const decoder = new SmtpFlowDecoder();
  const rows: DecodedEvent[] = [];
  for (const [dir, data] of script) {
    if (dir === 'close') rows.push(...decoder.finish());
    else rows.push(...decoder.feed(dir, typeof data === 'string' ? Buffer.from(data) : data));
  }
  return rows.map(traced);
}

function tls(script: Script): TraceEvent[] {
  const flow = new TlsFlow();
  const rows: DecodedEvent[] = [];
  for (const [dir, data] of script) {
    if (dir === 'close') rows.push(...flow.finish());
    else rows.push(...flow.feed(dir, typeof data === 'string' ? Buffer.from(data) : data));
  }
  return rows.map(traced);
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** One row of each smtp kind and of the notes a decoder writes, by name. */
export function smtpRows(): Record<string, TraceEvent> {
  const session = smtp([
    ['s2c', '220 mx.example.jp ESMTP SMTP Lab\r\n'],
    ['c2s', 'EHLO learner.example\r\n'],
    ['s2c', '250-mx.example.jp at your service\r\n250-AUTH PLAIN LOGIN\r\n250 STARTTLS\r\n'],
    ['c2s', 'AUTH LOGIN\r\n'],
    ['s2c', '334 VXNlcm5hbWU6\r\n'],
    ['c2s', `${b64('alice')}\r\n`],
    ['s2c', '334 UGFzc3dvcmQ6\r\n'],
    ['c2s', `${b64('secret')}\r\n`],
    ['s2c', '535 5.7.8 Authentication credentials invalid\r\n'],
    ['c2s', `AUTH PLAIN ${b64('\0alice\0secret')}\r\n`],
    ['s2c', '235 2.7.0 Authentication successful\r\n'],
    ['c2s', 'NOOP\n'],
    ['s2c', '250 OK\n'],
    ['c2s', 'DATA\r\n'],
    ['s2c', '354 End data with <CR><LF>.<CR><LF>\r\n'],
    ['c2s', 'Subject: =?UTF-8?B?5Lya6K2w?=\r\n\r\na\n.\nb\r\n.\r\n'],
    ['s2c', '250 OK: queued as m1\r\n'],
  ]);
  // CRAM-MD5 (RFC 2195 §2): the server's challenge, then the user name and the HMAC-MD5 digest.
  const cram = smtp([
    ['s2c', '220 hi\r\n'],
    ['c2s', 'AUTH CRAM-MD5\r\n'],
    ['s2c', `334 ${b64('<12345.1@mx.example.jp>')}\r\n`],
    ['c2s', `${b64('alice 0123456789abcdef0123456789abcdef')}\r\n`],
  ]);
  const longLine = smtp([
    ['s2c', '220 hi\r\n'],
    ['c2s', Buffer.alloc(140 * 1024, 0x41)],
  ]);
  const cutOff = smtp([
    ['s2c', '220 hi\r\n'],
    ['c2s', 'DATA\r\n'],
    ['s2c', '354 go\r\n'],
    ['c2s', 'Subject: half\r\n\r\nno end'],
    ['close', ''],
  ]);
  // A man in the middle: a command pipelined after STARTTLS, a reply appended to the 220.
  const injected = smtp([
    ['s2c', '220 hi\r\n'],
    ['c2s', Buffer.concat([Buffer.from('STARTTLS\r\nRSET\r\n'), record(HANDSHAKE, clientHello({ suites: [0x1301] }))])],
    ['s2c', '220 2.0.0 Ready to start TLS\r\n250 injected\r\n'],
  ]);
  const afterStarttls = (dir: WireDir) => injected.find((row) => row.dir === dir && row.detail?.afterStarttls === true)!;
  const buffer = traced(starttlsBufferRow('mx.example.jp', 'discarded', [Buffer.from('RSET'), Buffer.from('MAIL FROM:<m@attacker.example>')], 0));
  return {
    greeting: session[0],
    command: session[1],
    ehloReply: session[2],
    authStart: session[3],
    challenge: session[4],
    authUser: session[5],
    authPassword: session[7],
    authPlain: session[9],
    authCramMd5: cram[3],
    bareLfCommand: session[11],
    bareLfReply: session[12],
    message: session[15],
    tooLong: longLine[1],
    continuation: longLine[2],
    cutOff: cutOff.at(-1)!,
    replyAfterStarttls: afterStarttls('s2c'),
    commandAfterStarttls: afterStarttls('c2s'),
    starttlsBuffer: buffer,
  };
}

/** One row of each tls kind, by name. */
export function tlsRows(): Record<string, TraceEvent> {
  // TLS 1.2 chosen with the RFC 8446 §4.1.3 sentinel, then the client gives up.
  const downgrade = tls([
    ['c2s', record(HANDSHAKE, clientHello({ versions: [0x0304, 0x0303], suites: [0x1301, 0xc02f, TLS_FALLBACK_SCSV], sni: 'mx.example.jp' }))],
    ['s2c', record(HANDSHAKE, Buffer.concat([serverHello({ suite: 0xc02f, random: downgradeRandom(1) }), handshake(14, Buffer.alloc(0))]))],
    ['c2s', record(HEARTBEAT, Buffer.alloc(3))],
    ['c2s', record(ALERT, Buffer.from([2, 47]))],
    ['s2c', record(CCS, Buffer.from([1]))],
    ['s2c', Buffer.concat([record(HANDSHAKE, Buffer.alloc(40, 5)), record(APP, Buffer.alloc(30, 6))])],
  ]);
  const tls13 = tls([
    ['s2c', record(HANDSHAKE, serverHello({ selectedVersion: 0x0304, suite: 0x1302 }))],
    ['s2c', Buffer.concat([record(APP, Buffer.alloc(300, 1)), record(APP, Buffer.alloc(50, 2))])],
  ]);
  const broken = tls([
    ['c2s', record(HANDSHAKE, handshake(1, Buffer.alloc(10)))],
    ['s2c', record(HANDSHAKE, Buffer.from([2, 0x01, 0x00, 0x01]))],
    ['c2s', 'EHLO x\r\n'],
    ['c2s', 'QUIT\r\n'],
    ['s2c', record(HANDSHAKE, Buffer.alloc(10)).subarray(0, 8)],
    ['close', ''],
  ]);
  const session = traced({
    layer: 'tls',
    dir: 'none',
    summary: 'TLS session up at mx.example.jp: TLSv1.3, TLS_AES_256_GCM_SHA384',
    detail: { kind: 'session', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', sni: 'mx.example.jp', by: 'mx.example.jp' },
    visibility: 'plaintext',
  });
  return {
    clientHello: downgrade[0],
    serverHello: downgrade[1],
    record: downgrade[2],
    alert: downgrade[3],
    changeCipherSpec: downgrade[4],
    encrypted: downgrade[5],
    tls13ServerHello: tls13[0],
    applicationData: tls13[1],
    truncatedHello: broken[0],
    oversizedMessage: broken[1],
    notTls: broken[2],
    opaque: broken[3],
    incomplete: broken[4],
    session,
  };
}
