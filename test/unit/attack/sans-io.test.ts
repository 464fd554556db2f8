// The attacker's byte work without sockets: the ClientHello read and capped, the STARTTLS line
// overwritten in whole lines only, and what an eavesdropper learns from decoded SMTP rows.
import type { Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext } from 'node:tls';
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { english, renderText } from '../../../common/i18n/text.ts';
import { readClientHello, capOfferedVersions, VERSION_CODES } from '../../../engine/attack/proxy/client-hello.ts';
import { holdPartialLine, stripStarttlsAdvert } from '../../../engine/attack/attacks/strip-starttls-lines.ts';
import { KnowledgeReader, type Fact } from '../../../engine/attack/knowledge/knowledge-reader.ts';
import { readMessage, unstuff } from '../../../engine/attack/knowledge/message-text.ts';
import { DataCapture } from '../../../engine/attack/proxy/data-capture.ts';
import { SmtpWatch } from '../../../engine/attack/proxy/smtp-watch.ts';
import type { DecodedEvent } from '../../../engine/protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../../../engine/protocol/smtp-flow-decoder.ts';
import { parseClientHello } from '../../../engine/protocol/tls-hello.ts';
import { clientHello, record } from '../protocol/tls-builders.ts';

/** The first flight Node's TLS client writes, caught without a network. */
async function nodeClientHello(maxVersion: 'TLSv1.3' | 'TLSv1.2' = 'TLSv1.3'): Promise<Buffer> {
  return new Promise((resolve) => {
    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _e, cb) {
        resolve(chunk);
        cb();
      },
    });
    const socket = tlsConnect({ socket: wire as unknown as Socket, servername: 'mx.example.jp', secureContext: createSecureContext({ maxVersion }) });
    socket.on('error', () => {});
    setTimeout(() => socket.destroy(), 50).unref();
  });
}

describe('reading the ClientHello', () => {
  it('waits for the whole record, however it is chunked, then reads Node\'s TLS 1.3 hello', async () => {
    const hello = await nodeClientHello();
    expect(readClientHello(hello.subarray(0, 3))).toEqual({ state: 'more' });
    expect(readClientHello(hello.subarray(0, hello.length - 1))).toEqual({ state: 'more' });
    const read = readClientHello(hello);
    expect(read.state).toBe('hello');
    if (read.state !== 'hello') return;
    expect(read.hello.offeredVersions).toEqual(['TLSv1.3', 'TLSv1.2']);
    expect(read.highest).toBe(VERSION_CODES['TLSv1.3']);
  });

  it('a ClientHello split over two records is read too', () => {
    const message = clientHello({ versions: [0x0304, 0x0303], suites: [0x1301], sni: 'mx.example.jp' });
    const bytes = Buffer.concat([record(22, message.subarray(0, 20), 0x0301), record(22, message.subarray(20), 0x0301)]);
    const read = readClientHello(bytes);
    expect(read.state === 'hello' && read.hello.sni).toBe('mx.example.jp');
  });

  it('says so when the bytes are not a ClientHello', () => {
    expect(readClientHello(Buffer.from('EHLO x\r\n'))).toMatchObject({ state: 'not-hello' });
    const reasonOf = (bytes: Buffer) => {
      const read = readClientHello(bytes);
      return read.state === 'not-hello' ? { en: english(read.reason), ja: renderText('ja', read.reason) } : null;
    };
    expect(reasonOf(record(23, Buffer.alloc(10)))).toEqual({ en: 'record type 23 before a ClientHello', ja: 'ClientHello の前にレコードタイプ 23 が来た' });
    expect(reasonOf(record(22, Buffer.from([2, 0, 0, 1, 0])))).toEqual({ en: 'handshake type 2 is not ClientHello', ja: 'ハンドシェイクタイプ 2 は ClientHello ではない' });
    // A ClientHello cut short inside its body: the reader's own words, in either language.
    expect(reasonOf(record(22, Buffer.from([1, 0, 0, 2, 3, 3])))).toEqual({
      en: 'malformed ClientHello: truncated: needed 32 octets, 0 left',
      ja: '不正な形式の ClientHello：途中で切れている（あと 32 オクテット必要なところ、残りは 0 オクテット）',
    });
  });
});

describe('capping the offered versions', () => {
  it('replaces TLS 1.3 in supported_versions by a GREASE value: same length, two octets changed', async () => {
    const hello = await nodeClientHello();
    const capped = capOfferedVersions(hello, VERSION_CODES['TLSv1.2'])!;
    expect(capped.removed).toEqual(['TLSv1.3']);
    expect(capped.bytes.length).toBe(hello.length);
    expect([...hello].filter((b, i) => b !== capped.bytes[i]).length).toBe(2);
    const read = readClientHello(capped.bytes);
    expect(read.state === 'hello' && read.hello.offeredVersions).toEqual(['TLSv1.2']);
  });

  it('without supported_versions it lowers the legacy version; nothing to cap gives null', async () => {
    const tls12 = record(22, clientHello({ legacyVersion: 0x0303, suites: [0xc02f] }));
    const capped = capOfferedVersions(tls12, VERSION_CODES['TLSv1.1'])!;
    expect(parseClientHello(capped.bytes.subarray(9)).legacyVersion).toBe('TLSv1.1');
    expect(capOfferedVersions(tls12, VERSION_CODES['TLSv1.2'])).toBeNull();
    expect(capOfferedVersions(await nodeClientHello('TLSv1.2'), VERSION_CODES['TLSv1.2'])).toBeNull();
  });

  it('never throws on malformed input (random bytes, truncated and corrupted hellos)', async () => {
    const hello = await nodeClientHello();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      const bytes = Buffer.from(hello.subarray(0, Math.floor(random() * (hello.length + 1))));
      for (let k = Math.floor(random() * 6); k > 0; k--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const noise = Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      for (const input of [bytes, noise, Buffer.concat([Buffer.from([22, 3, 1]), noise])]) {
        expect(() => readClientHello(input)).not.toThrow();
        expect(() => capOfferedVersions(input, VERSION_CODES['TLSv1.2'])).not.toThrow();
      }
    }
  });
});

describe('the STARTTLS line', () => {
  it('is overwritten with the same length, as the last line too, and only as a whole line', () => {
    const reply = Buffer.from('250-mx.example.jp\r\n250-STARTTLS\r\n250 SIZE 100\r\n');
    expect(stripStarttlsAdvert(reply).toString()).toBe('250-mx.example.jp\r\n250-XXXXXXXA\r\n250 SIZE 100\r\n');
    expect(stripStarttlsAdvert(Buffer.from('250-mx\r\n250 starttls\r\n')).toString()).toBe('250-mx\r\n250 XXXXXXXA\r\n');
    const untouched = Buffer.from('250-STARTTLSX\r\n214 STARTTLS\r\n');
    expect(stripStarttlsAdvert(untouched)).toBe(untouched);
  });

  it('split over chunks, the unfinished line is held until its end arrives', () => {
    const first = holdPartialLine(Buffer.alloc(0), Buffer.from('250-mx.example.jp\r\n250-START'));
    expect(first.lines.toString()).toBe('250-mx.example.jp\r\n');
    expect(first.held.toString()).toBe('250-START');
    const second = holdPartialLine(first.held, Buffer.from('TLS\r\n250 OK\r\n'));
    expect(stripStarttlsAdvert(second.lines).toString()).toBe('250-XXXXXXXA\r\n250 OK\r\n');
    expect(second.held.length).toBe(0);
  });
});

describe('what an eavesdropper learns from the rows', () => {
  const facts = (c2s: string[], s2c: string[]): Fact[] => {
    const decoder = new SmtpFlowDecoder();
    const reader = new KnowledgeReader();
    const out: Fact[] = [];
    const take = (rows: ReturnType<SmtpFlowDecoder['feed']>) => rows.forEach((r) => out.push(...reader.read(r)));
    take(decoder.feed('s2c', Buffer.from('220 mx ESMTP\r\n')));
    c2s.forEach((line, i) => {
      take(decoder.feed('c2s', Buffer.from(line)));
      if (s2c[i]) take(decoder.feed('s2c', Buffer.from(s2c[i])));
    });
    return out;
  };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('AUTH PLAIN with and without an initial response, AUTH LOGIN in two steps; a cancelled exchange gives nothing', () => {
    expect(facts([`AUTH PLAIN ${b64('\0alice\0pw1')}\r\n`], ['235 ok\r\n'])).toEqual([{ type: 'credential', mechanism: 'PLAIN', user: 'alice', password: 'pw1' }]);
    expect(facts(['AUTH PLAIN\r\n', `${b64('admin\0bob\0pw2')}\r\n`], ['334 \r\n', '235 ok\r\n'])).toEqual([{ type: 'credential', mechanism: 'PLAIN', user: 'bob', password: 'pw2' }]);
    expect(facts(['AUTH LOGIN\r\n', `${b64('carol')}\r\n`, `${b64('pw3')}\r\n`], ['334 VXNlcm5hbWU6\r\n', '334 UGFzc3dvcmQ6\r\n', '535 no\r\n'])).toEqual([
      { type: 'credential', mechanism: 'LOGIN', user: 'carol', password: 'pw3' },
    ]);
    expect(facts(['AUTH LOGIN\r\n', '*\r\n'], ['334 VXNlcm5hbWU6\r\n', '501 cancelled\r\n'])).toEqual([]);
  });

  it('the envelope from MAIL and RCPT, and the message after 354', () => {
    const got = facts(['MAIL FROM:<a@x.example> SIZE=10\r\n', 'RCPT TO:<b@example.jp>\r\n', 'DATA\r\n', 'Subject: hi\r\n\r\n..dot\r\n.\r\n'], ['250 ok\r\n', '250 ok\r\n', '354 go\r\n', '250 queued\r\n']);
    expect(got.slice(0, 2)).toEqual([
      { type: 'mail-from', address: 'a@x.example' },
      { type: 'rcpt-to', address: 'b@example.jp' },
    ]);
    expect(got[2]).toMatchObject({ type: 'message', complete: true });
  });

  it('undoes dot-stuffing and reads subject, header fields and text', async () => {
    const wire = Buffer.from('Subject: =?UTF-8?B?5Lya6K2w?=\r\nTo: b@example.jp\r\nMessage-ID:\r\n <m1@x.example>\r\n\r\n..dot\r\nplain\r\n.\r\n');
    expect(unstuff(wire, true).toString()).toBe('Subject: =?UTF-8?B?5Lya6K2w?=\r\nTo: b@example.jp\r\nMessage-ID:\r\n <m1@x.example>\r\n\r\n.dot\r\nplain\r\n');
    const message = await readMessage(unstuff(wire, true), 'f7');
    expect(message.subject).toBe('会議');
    expect(message).toMatchObject({ flow: 'f7', messageId: '<m1@x.example>' });
    expect(message.headers).toContainEqual(['To', 'b@example.jp']);
    expect(message.body).toContain('.dot\nplain');
  });
});

describe('finding the end of a message', () => {
  const body = 'Subject: s\r\n\r\nline\r\n..stuffed\r\n.x\r\nlast\r\n';
  const wire = Buffer.from(`${body}.\r\nQUIT\r\n`);
  const end = body.length + 3;

  it('wherever the chunks split CRLF.CRLF', () => {
    for (let cut = 0; cut <= wire.length; cut++) {
      const capture = new DataCapture();
      const first = capture.push(wire.subarray(0, cut));
      const found = first >= 0 ? first : cut + capture.push(wire.subarray(cut));
      expect(found, `split at ${cut}`).toBe(end);
      expect(capture.wire().toString()).toBe(wire.subarray(0, end).toString());
    }
  });

  it('an empty message ends at once; a lone dot inside a line does not end it', () => {
    expect(new DataCapture().push(Buffer.from('.\r\nQUIT\r\n'))).toBe(3);
    expect(new DataCapture().push(Buffer.from('a.\r\n.a\r\n'))).toBe(-1);
  });

  it('the watch reads the same message however a whole session is chunked', () => {
    const c2s = ['EHLO x\r\n', 'MAIL FROM:<a@x.example>\r\n', 'RCPT TO:<b@example.jp>\r\n', 'DATA\r\n', `${body}.\r\n`, 'QUIT\r\n'];
    const s2c = ['250 ok\r\n', '250 ok\r\n', '250 ok\r\n', '354 go\r\n', '250 queued\r\n', '221 bye\r\n'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 200; round++) {
      const rows: DecodedEvent[] = [];
      let plaintext = 0;
      const watch = new SmtpWatch({ rows: (r) => rows.push(...r), bytes: (p) => (plaintext += p), tlsStarted: () => {} });
      watch.feed('s2c', Buffer.from('220 mx\r\n'));
      c2s.forEach((line, i) => {
        const bytes = Buffer.from(line);
        let at = 0;
        while (at < bytes.length) {
          const size = 1 + Math.floor(random() * 12);
          watch.feed('c2s', bytes.subarray(at, at + size));
          at += size;
        }
        watch.feed('s2c', Buffer.from(s2c[i]));
      });
      const data = rows.filter((r) => r.detail.kind === 'data');
      expect(data).toHaveLength(1);
      expect(Buffer.from(data[0].raw!, 'base64').toString()).toBe(`${body}.\r\n`);
      expect(data[0].detail).toMatchObject({ complete: true, size: body.length + 3 });
      expect(rows.some((r) => r.detail.kind === 'command' && r.detail.verb === 'QUIT')).toBe(true);
      expect(plaintext).toBe(c2s.join('').length + s2c.join('').length + 8);
    }
  });
});
