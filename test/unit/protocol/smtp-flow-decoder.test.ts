import { describe, expect, it } from 'vitest';
import { decodeRaw, Playbook, replay, type Step } from './playbook.ts';
import { clientHello, record, serverHello } from './tls-builders.ts';

const EHLO_REPLY = '250-mx.example.jp at your service\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-STARTTLS\r\n250 SIZE 10485760\r\n';

const plainSession: Step[] = [
  ['s2c', '220 mx.example.jp ESMTP SMTP Lab\r\n'],
  ['c2s', 'EHLO learner.example\r\n'],
  ['s2c', EHLO_REPLY],
  ['c2s', 'MAIL FROM:<alice@sender.example>\r\n'],
  ['s2c', '250 Accepted\r\n'],
  ['c2s', 'RCPT TO:<bob@example.jp>\r\n'],
  ['s2c', '250 Accepted\r\n'],
  ['c2s', 'DATA\r\n'],
  ['s2c', '354 End data with <CR><LF>.<CR><LF>\r\n'],
  ['c2s', 'Subject: Hello lab\r\nFrom: alice@sender.example\r\n\r\nfirst line\r\n..leading dot\r\n.\r\n'],
  ['s2c', '250 OK: queued as m1\r\n'],
  ['c2s', 'QUIT\r\n'],
  ['s2c', '221 Bye\r\n'],
];

describe('SMTP flow decoder: a plaintext session', () => {
  it('reads each command, each reply (multi-line as one row) and the message in order', () => {
    const book = replay(plainSession, 1 << 20);
    expect(book.ladder()).toEqual([
      's2c smtp 220 mx.example.jp ESMTP SMTP Lab',
      'c2s smtp EHLO learner.example',
      's2c smtp 250 mx.example.jp at your service · PIPELINING, 8BITMIME, SMTPUTF8, STARTTLS, SIZE 10485760',
      'c2s smtp MAIL FROM:<alice@sender.example>',
      's2c smtp 250 Accepted',
      'c2s smtp RCPT TO:<bob@example.jp>',
      's2c smtp 250 Accepted',
      'c2s smtp DATA',
      's2c smtp 354 End data with <CR><LF>.<CR><LF>',
      'c2s smtp Message: 76 octets, 5 lines, Subject: Hello lab',
      's2c smtp 250 OK: queued as m1',
      'c2s smtp QUIT',
      's2c smtp 221 Bye',
    ]);
    for (const row of book.rows) expect(row.visibility).toBe('plaintext');
  });

  it('gives the same rows however the bytes are split', () => {
    const whole = replay(plainSession, 1 << 20).ladder();
    for (const size of [1, 2, 3, 7, 64]) expect(replay(plainSession, size).ladder()).toEqual(whole);
  });

  it('keeps the raw bytes of each row, so the rows add up to the stream', () => {
    const book = replay(plainSession, 5);
    const c2s = Buffer.concat(book.rows.filter((r) => r.dir === 'c2s').map(decodeRaw)).toString();
    const s2c = Buffer.concat(book.rows.filter((r) => r.dir === 's2c').map(decodeRaw)).toString();
    expect(c2s).toBe(plainSession.filter(([d]) => d === 'c2s').map(([, t]) => t).join(''));
    expect(s2c).toBe(plainSession.filter(([d]) => d === 's2c').map(([, t]) => t).join(''));
  });

  it('describes commands and replies in detail', () => {
    const book = replay(plainSession, 1 << 20);
    expect(book.rows[3].detail).toMatchObject({ kind: 'command', verb: 'MAIL', args: 'FROM:<alice@sender.example>' });
    expect(book.rows[2].detail).toMatchObject({
      kind: 'reply',
      code: 250,
      inReplyTo: 'EHLO',
      extensions: ['PIPELINING', '8BITMIME', 'SMTPUTF8', 'STARTTLS', 'SIZE 10485760'],
    });
    expect((book.rows[2].detail.lines as string[]).length).toBe(6);
  });

  it('undoes dot-stuffing when counting the message (RFC 5321 §4.5.2)', () => {
    const data = replay(plainSession, 1 << 20).rows[9];
    expect(data.detail).toMatchObject({ kind: 'data', complete: true, subject: 'Hello lab', lines: 5, dotStuffedLines: 1, headerFields: 2 });
    // "..leading dot" counts as ".leading dot"; the terminator is not part of the message.
    expect(data.detail.size).toBe(Buffer.byteLength('Subject: Hello lab\r\nFrom: alice@sender.example\r\n\r\nfirst line\r\n.leading dot\r\n'));
  });
});

describe('SMTP flow decoder: the dialogue', () => {
  it('matches pipelined replies to their commands and reads the body only after 354', () => {
    const book = new Playbook()
      .server('220 hi\r\n')
      .client('EHLO a\r\n')
      .server('250 hi\r\n')
      .client('MAIL FROM:<a@x>\r\nRCPT TO:<b@example.jp>\r\nDATA\r\nSubject: piped\r\n\r\nbody\r\n.\r\n')
      .server('250 ok\r\n250 ok\r\n354 go\r\n250 queued\r\n');
    expect(book.ladder()).toEqual([
      's2c smtp 220 hi',
      'c2s smtp EHLO a',
      's2c smtp 250 hi',
      'c2s smtp MAIL FROM:<a@x>',
      'c2s smtp RCPT TO:<b@example.jp>',
      'c2s smtp DATA',
      's2c smtp 250 ok',
      's2c smtp 250 ok',
      's2c smtp 354 go',
      'c2s smtp Message: 24 octets, 3 lines, Subject: piped',
      's2c smtp 250 queued',
    ]);
  });

  it('reads the lines after a refused DATA as commands', () => {
    const book = new Playbook().server('220 hi\r\n').client('DATA\r\nNOOP\r\n').server('503 Error: need RCPT command\r\n250 OK\r\n');
    expect(book.ladder()).toEqual(['s2c smtp 220 hi', 'c2s smtp DATA', 's2c smtp 503 Error: need RCPT command', 'c2s smtp NOOP', 's2c smtp 250 OK']);
  });

  it('shows a message cut off by the close of the connection', () => {
    const book = new Playbook().server('220 hi\r\n').client('DATA\r\n').server('354 go\r\n').client('Subject: cut\r\n\r\npartial bo').close();
    expect(book.last().summary).toMatch(/^Message cut off/);
    expect(book.last().detail).toMatchObject({ kind: 'data', complete: false, subject: 'cut' });
  });

  it('shows the end of a reply that never ended', () => {
    const book = new Playbook().server('220 hi\r\n').client('EHLO a\r\n').server('250-one\r\n250-two').close();
    expect(book.last().detail).toMatchObject({ kind: 'reply', incomplete: true, lines: ['one', 'two'] });
  });

  it('summarises a long multi-line reply with its line count', () => {
    const book = new Playbook().server('220 hi\r\n').client('HELP\r\n').server('214-a\r\n214-b\r\n214-c\r\n214 end\r\n');
    expect(book.last().summary).toBe('214 a (+3 lines)');
  });
});

describe('SMTP flow decoder: what an eavesdropper reads of AUTH', () => {
  it('decodes AUTH PLAIN with an initial response (RFC 4616)', () => {
    const blob = Buffer.from('\0alice\0alice-password').toString('base64');
    const book = new Playbook().server('220 hi\r\n').client(`AUTH PLAIN ${blob}\r\n`).server('235 Authentication successful\r\n');
    expect(book.rows[1].summary).toBe(`AUTH PLAIN ${blob} → user alice, password alice-password`);
    expect(book.rows[1].detail.auth).toMatchObject({ mechanism: 'PLAIN', username: 'alice', password: 'alice-password' });
  });

  it('decodes AUTH LOGIN step by step, server prompts included', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const book = new Playbook()
      .server('220 hi\r\n')
      .client('AUTH LOGIN\r\n')
      .server(`334 ${b64('Username:')}\r\n`)
      .client(`${b64('alice')}\r\n`)
      .server(`334 ${b64('Password:')}\r\n`)
      .client(`${b64('alice-password')}\r\n`)
      .server('235 Authentication successful\r\n')
      .client('MAIL FROM:<alice@example.jp>\r\n');
    expect(book.ladder()).toEqual([
      's2c smtp 220 hi',
      'c2s smtp AUTH LOGIN',
      's2c smtp 334 VXNlcm5hbWU6 → "Username:"',
      'c2s smtp YWxpY2U= → user alice',
      's2c smtp 334 UGFzc3dvcmQ6 → "Password:"',
      'c2s smtp YWxpY2UtcGFzc3dvcmQ= → password alice-password',
      's2c smtp 235 Authentication successful',
      'c2s smtp MAIL FROM:<alice@example.jp>',
    ]);
    expect(book.rows[5].detail).toMatchObject({ kind: 'auth-response', auth: { mechanism: 'LOGIN', password: 'alice-password' } });
  });

  it('decodes AUTH PLAIN sent after an empty challenge and a cancel', () => {
    const blob = Buffer.from('\0bob\0secret').toString('base64');
    const book = new Playbook()
      .server('220 hi\r\n')
      .client('AUTH PLAIN\r\n')
      .server('334 \r\n')
      .client(`${blob}\r\n`)
      .server('535 nope\r\n')
      .client('AUTH LOGIN\r\n')
      .server('334 VXNlcm5hbWU6\r\n')
      .client('*\r\n')
      .server('501 cancelled\r\n');
    expect(book.rows[3].summary).toBe(`${blob} → user bob, password secret`);
    expect(book.rows[7].summary).toBe('* → cancel (RFC 4954 §4)');
  });
});

describe('SMTP flow decoder: bad input is shown, never hidden', () => {
  it('flags a command line over 512 octets (RFC 5321 §4.5.3.1.4)', () => {
    const line = `NOOP ${'x'.repeat(600)}`;
    const book = new Playbook().server('220 hi\r\n').client(`${line}\r\n`).server('500 Line too long\r\n').client('NOOP\r\n');
    expect(book.rows[1].rule).toBe('RFC 5321 §4.5.3.1.4');
    expect(book.rows[1].detail.tooLong).toMatchObject({ length: 607, limit: 512 });
    expect(book.rows[3].detail.tooLong).toBeUndefined();
  });

  it('flags a text line over 1000 octets in a message (RFC 5321 §4.5.3.1.6)', () => {
    const book = new Playbook().server('220 hi\r\n').client('DATA\r\n').server('354 go\r\n').client(`${'y'.repeat(1200)}\r\nshort\r\n.\r\n`);
    expect(book.last().detail).toMatchObject({ longLines: 1, maxLineLength: 1202 });
    expect(book.last().rule).toBe('RFC 5321 §4.5.3.1.6');
  });

  it('notes a bare LF (RFC 5321 §2.3.8) and does not end a message on "." + LF', () => {
    const book = new Playbook().server('220 hi\r\n').client('NOOP\n').server('250 OK\r\n').client('DATA\r\n').server('354 go\r\n').client('a\n.\nb\r\n.\r\n');
    expect(book.rows[1].detail).toMatchObject({ kind: 'command', verb: 'NOOP', bareLf: true });
    expect(book.rows[1].rule).toBe('RFC 5321 §2.3.8');
    expect(book.last().detail).toMatchObject({ kind: 'data', complete: true, lines: 3, bareLfLines: 2 });
    expect((book.last().detail.notes as string[]).join(' ')).toMatch(/does not end the message/);
  });

  it('shows bytes that are not UTF-8 escaped and flagged', () => {
    const book = new Playbook().server('220 hi\r\n').client(Buffer.from([0x45, 0x48, 0x4c, 0x4f, 0x20, 0xff, 0xfe, 0x41, 0x00, 0x0d, 0x0a]));
    expect(book.rows[1].summary).toBe('EHLO \\xff\\xfeA\\x00');
    expect(book.rows[1].detail.nonUtf8).toBe(true);
  });

  it('keeps UTF-8 text readable', () => {
    const book = new Playbook().server('220 hi\r\n').client('MAIL FROM:<太郎@example.jp> SMTPUTF8\r\n');
    expect(book.rows[1].summary).toBe('MAIL FROM:<太郎@example.jp> SMTPUTF8');
    expect(book.rows[1].detail.nonUtf8).toBeUndefined();
  });

  it('hands out a line without end in pieces instead of buffering it', () => {
    const book = new Playbook().server('220 hi\r\n').client(Buffer.alloc(200 * 1024, 0x41));
    const rows = book.rows.slice(1);
    expect(rows.length).toBe(3);
    expect(rows[0].detail.tooLong).toMatchObject({ atLeast: true });
    expect(rows[1].detail.kind).toBe('continuation');
  });

  it('marks a reply that is not SMTP', () => {
    const book = new Playbook().server('HTTP/1.1 400 Bad Request\r\n');
    expect(book.rows[0].summary).toBe('(not an SMTP reply) HTTP/1.1 400 Bad Request');
    expect(book.rows[0].detail.malformed).toBe(true);
  });
});

describe('SMTP flow decoder: inside TLS', () => {
  it('marks every row encrypted and insideTls, and expects no greeting (RFC 3207 §4.2)', () => {
    const book = new Playbook({ insideTls: true }).client('EHLO a\r\n').server('250-mx\r\n250 SIZE 10\r\n').client('QUIT\r\n').server('221 Bye\r\n');
    expect(book.ladder()).toEqual(['c2s smtp EHLO a', 's2c smtp 250 mx · SIZE 10', 'c2s smtp QUIT', 's2c smtp 221 Bye']);
    for (const row of book.rows) {
      expect(row.visibility).toBe('encrypted');
      expect(row.detail.insideTls).toBe(true);
    }
  });

  it('stays SMTP when STARTTLS is refused', () => {
    const book = new Playbook().server('220 hi\r\n').client('STARTTLS\r\n').server('454 TLS not available\r\n').client('QUIT\r\n');
    expect(book.decoder.tls).toBeNull();
    expect(book.last().summary).toBe('QUIT');
  });

  it('reports plaintext injected after STARTTLS (RFC 3207 §6) and reads the rest as TLS', () => {
    const book = new Playbook().server('220 hi\r\n').client('STARTTLS\r\nRSET\r\n').server('220 Ready to start TLS\r\n');
    expect(book.decoder.tls).not.toBeNull();
    const injected = book.rows.find((r) => r.summary === 'RSET');
    expect(injected?.rule).toBe('RFC 3207 §6');
    expect(injected?.detail.afterStarttls).toBe(true);
    book.client(Buffer.from([0x17, 0x03, 0x03, 0x00, 0x02, 0xaa, 0xbb]));
    expect(book.last()).toMatchObject({ layer: 'tls', visibility: 'encrypted' });
  });

  it('reads a reply injected after the 220 as plaintext (RFC 3207 §6), then the ServerHello and ciphertext after it', () => {
    const book = new Playbook().server('220 hi\r\n').client('STARTTLS\r\n').server('220 Ready to start TLS\r\n250 AUTH PLAIN LOGIN\r\n');
    book.client(record(22, clientHello({ versions: [0x0304], suites: [0x1301] }), 0x0301));
    const hello = record(22, serverHello({ selectedVersion: 0x0304, suite: 0x1301 }));
    // Split inside the record header: the decoder waits instead of calling it plaintext.
    book.server(hello.subarray(0, 3)).server(Buffer.concat([hello.subarray(3), record(20, Buffer.from([1])), record(23, Buffer.alloc(60))]));
    expect(book.ladder().slice(2)).toEqual([
      's2c smtp 220 Ready to start TLS',
      's2c smtp 250 AUTH PLAIN LOGIN',
      'c2s tls ClientHello: offers TLSv1.3 · 1 cipher suites',
      's2c tls ServerHello: TLSv1.3 · TLS_AES_128_GCM_SHA256',
      's2c tls ChangeCipherSpec',
      's2c tls ApplicationData (65 octets, encrypted)',
    ]);
    expect(book.rows[3]).toMatchObject({ visibility: 'plaintext', rule: 'RFC 3207 §6', detail: { kind: 'reply', code: 250, afterStarttls: true } });
    expect(book.last().visibility).toBe('encrypted');
  });

  it('shows an injected reply cut off by the close before any TLS record', () => {
    const book = new Playbook().server('220 hi\r\n').client('STARTTLS\r\n').server('220 go\r\n250 fake').close();
    expect(book.last()).toMatchObject({ layer: 'smtp', dir: 's2c', rule: 'RFC 3207 §6', detail: { afterStarttls: true } });
  });
});
