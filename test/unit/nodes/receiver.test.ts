// The receiving MTA on real loopback sockets, reached through the lab network as a learner's
// tools reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, openTestLab, waitForEvent, type TestLab } from './lab-fixture.ts';
import { WireClient } from './wire-client.ts';

let t: TestLab;

beforeAll(async () => {
  t = await openTestLab();
});

afterAll(async () => {
  await t.close();
});

const MESSAGE = 'Subject: =?UTF-8?B?44GT44KT44Gr44Gh44Gv?= lab\r\nFrom: alice@sender.example\r\nTo: bob@example.jp\r\n\r\nHello from the test.\r\n..starts with a dot\r\n.\r\n';

async function greet(port: number): Promise<WireClient> {
  const c = await WireClient.connect(port);
  expect(await c.reply()).toMatch(/^220 mx\.example\.jp ESMTP/);
  return c;
}

describe('receiver: delivery on port 25', () => {
  it('stores a plaintext message with its envelope, headers and "no TLS"', async () => {
    const c = await greet(t.port25);
    expect(await c.command('EHLO learner.example')).toMatch(/250-STARTTLS/);
    expect(await c.command('MAIL FROM:<alice@sender.example>')).toMatch(/^250/);
    expect(await c.command('RCPT TO:<bob@example.jp>')).toMatch(/^250/);
    expect(await c.command('DATA')).toMatch(/^354/);
    c.send(MESSAGE);
    const queued = await c.reply();
    expect(queued).toMatch(/^250 OK: queued as (m\d+)/);
    const id = /queued as (m\d+)/.exec(queued)![1];
    expect(await c.command('QUIT')).toMatch(/^221/);
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    const message = t.lab.mailbox.list().find((m) => m.id === id)!;
    expect(message).toMatchObject({
      host: 'mx.example.jp',
      port: 25,
      flow,
      helo: 'learner.example',
      envelope: { mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] },
      authUser: null,
      subject: 'こんにちは lab',
      tls: null,
    });
    // RFC 5321 §4.4: the receiver's own Received field comes first, then what the client sent.
    expect(message.headers).toEqual([
      ['Received', expect.stringMatching(/^from learner\.example \(unknown \[192\.0\.2\.10\]\)\tby mx\.example\.jp \(SMTP Lab\) with ESMTP id m\d+\tfor <bob@example\.jp>; /)],
      ['Subject', 'こんにちは lab'],
      ['From', 'alice@sender.example'],
      ['To', 'bob@example.jp'],
    ]);
    expect(message.text).toBe('Hello from the test.\n.starts with a dot\n');
    expect(message.size).toBe(Buffer.byteLength(MESSAGE) - 3 - 1);
    const stored = await waitForEvent(t.lab, (e) => e.flow === flow && e.layer === 'mailbox');
    expect(stored.summary).toContain('こんにちは lab');
    expect(stored.summary).toContain('plaintext');
  });

  it('refuses to relay for a domain it does not serve', async () => {
    const c = await greet(t.port25);
    await c.command('EHLO learner.example');
    await c.command('MAIL FROM:<alice@sender.example>');
    expect(await c.command('RCPT TO:<someone@elsewhere.example>')).toMatch(/^554 .*Relay access denied/);
    expect(await c.command('RCPT TO:<bob@example.jp>')).toMatch(/^250/);
    c.destroy();
  });

  it('offers no AUTH on port 25', async () => {
    const c = await greet(t.port25);
    expect(await c.command('EHLO learner.example')).not.toMatch(/AUTH/);
    expect(await c.command('AUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk')).toMatch(/^5\d\d/);
    c.destroy();
  });

  it('upgrades with STARTTLS; the message records the TLS version and cipher', async () => {
    const c = await greet(t.port25);
    await c.command('EHLO learner.example');
    const secure = await c.starttls(t.lab.caCertPem);
    const ehlo = await c.command('EHLO learner.example');
    expect(ehlo).toMatch(/^250-/);
    expect(ehlo).not.toMatch(/STARTTLS/);
    await c.command('MAIL FROM:<alice@sender.example>');
    await c.command('RCPT TO:<bob@example.jp>');
    await c.command('DATA');
    c.send('Subject: inside TLS\r\n\r\nsecret body\r\n.\r\n');
    const id = /queued as (m\d+)/.exec(await c.reply())![1];
    await c.command('QUIT');
    const message = t.lab.mailbox.list().find((m) => m.id === id)!;
    expect(message.tls).toEqual({ version: secure.getProtocol(), cipher: secure.getCipher().standardName });
    expect(message.tls?.version).toBe('TLSv1.3');
  });
});

describe('receiver: what the trace shows of a STARTTLS session', () => {
  it('puts the decrypted commands on the same flow, marked encrypted and insideTls', async () => {
    const c = await greet(t.port25);
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    await c.command('EHLO learner.example');
    await c.starttls(t.lab.caCertPem);
    await c.command('EHLO learner.example');
    await c.command('MAIL FROM:<carol@sender.example>');
    await c.command('RCPT TO:<bob@example.jp>');
    await c.command('DATA');
    c.send('Subject: ladder check\r\n\r\nbody\r\n.\r\n');
    await c.reply();
    await c.command('QUIT');
    await waitForEvent(t.lab, (e) => e.flow === flow && e.layer === 'tcp' && e.detail?.kind === 'closed');
    const events = flowOf(t.lab, flow);
    const upgrade = events.find((e) => e.layer === 'smtp' && e.summary.startsWith('220 Ready'))!;
    const smtpAfter = events.filter((e) => e.layer === 'smtp' && e.seq > upgrade.seq);
    expect(smtpAfter.map((e) => `${e.dir} ${e.summary}`)).toEqual([
      'c2s EHLO learner.example',
      expect.stringMatching(/^s2c 250 mx\.example\.jp at your service · /),
      'c2s MAIL FROM:<carol@sender.example>',
      's2c 250 Accepted',
      'c2s RCPT TO:<bob@example.jp>',
      's2c 250 Accepted',
      'c2s DATA',
      expect.stringMatching(/^s2c 354/),
      'c2s Message: 31 octets, 3 lines, Subject: ladder check',
      expect.stringMatching(/^s2c 250 OK: queued as m\d+/),
      'c2s QUIT',
      's2c 221 Bye',
    ]);
    for (const e of smtpAfter) {
      expect(e.visibility).toBe('encrypted');
      expect(e.detail?.insideTls).toBe(true);
    }
    for (const e of events.filter((x) => x.layer === 'smtp' && x.seq <= upgrade.seq)) expect(e.visibility).toBe('plaintext');
    const serverHello = events.find((e) => e.layer === 'tls' && e.summary.startsWith('ServerHello'))!;
    expect(serverHello.visibility).toBe('plaintext');
    expect(serverHello.summary).toContain('TLSv1.3');
    expect(events.some((e) => e.layer === 'tls' && e.visibility === 'encrypted')).toBe(true);
  });
});

describe('receiver: commands pipelined after STARTTLS (RFC 3207 §6)', () => {
  it('discards them; the trace shows them as plaintext injected before the handshake', async () => {
    const c = await greet(t.port25);
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    await c.command('EHLO learner.example');
    c.send('STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n');
    expect(await c.reply()).toMatch(/^220/);
    await c.upgrade(t.lab.caCertPem);
    await c.command('EHLO learner.example');
    // Had the injected MAIL FROM counted, RCPT would be accepted.
    expect(await c.command('RCPT TO:<bob@example.jp>')).toMatch(/^503/);
    const injected = flowOf(t.lab, flow).find((e) => e.summary === 'MAIL FROM:<injected@evil.example>');
    expect(injected).toMatchObject({ dir: 'c2s', visibility: 'plaintext', rule: 'RFC 3207 §6' });
    expect(injected?.detail?.afterStarttls).toBe(true);
    c.destroy();
  });
});

describe('receiver: submission on port 587', () => {
  it('does not offer AUTH before STARTTLS, refuses it there, and refuses mail before AUTH', async () => {
    const c = await greet(t.port587);
    // smtpd_tls_auth_only = yes: Postfix leaves AUTH out of the EHLO reply until the session is encrypted.
    const ehlo = await c.command('EHLO learner.example');
    expect(ehlo).toMatch(/250-STARTTLS/);
    expect(ehlo).not.toMatch(/AUTH/);
    expect(await c.command('AUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk')).toMatch(/^538/);
    expect(await c.command('MAIL FROM:<alice@example.jp>')).toMatch(/^530/);
    c.destroy();
  });

  it('authenticates with PLAIN and LOGIN inside TLS and records the user', async () => {
    const c = await greet(t.port587);
    await c.command('EHLO learner.example');
    await c.starttls(t.lab.caCertPem);
    expect(await c.command('EHLO learner.example')).toMatch(/250-AUTH PLAIN LOGIN CRAM-MD5/);
    const plain = (user: string, pass: string) => Buffer.from(`\0${user}\0${pass}`).toString('base64');
    expect(await c.command(`AUTH PLAIN ${plain('alice', 'wrong')}`)).toMatch(/^535/);
    expect(await c.command('AUTH LOGIN')).toMatch(/^334 VXNlcm5hbWU6/);
    expect(await c.command(Buffer.from('alice').toString('base64'))).toMatch(/^334 UGFzc3dvcmQ6/);
    expect(await c.command(Buffer.from('alice-password').toString('base64'))).toMatch(/^235/);
    await c.command('MAIL FROM:<alice@example.jp>');
    expect(await c.command('RCPT TO:<friend@elsewhere.example>')).toMatch(/^250/);
    await c.command('DATA');
    c.send('Subject: submitted\r\n\r\nhi\r\n.\r\n');
    const id = /queued as (m\d+)/.exec(await c.reply())![1];
    const message = t.lab.mailbox.list().find((m) => m.id === id)!;
    expect(message).toMatchObject({ port: 587, authUser: 'alice', envelope: { rcptTo: ['friend@elsewhere.example'] } });
    c.destroy();
  });
});
