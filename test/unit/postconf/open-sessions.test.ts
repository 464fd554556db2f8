// A main.cf change reaches new connections only: a session open on mx.example.jp keeps the
// settings it was accepted with to its end, STARTTLS handshake included, as a Postfix smtpd keeps
// the configuration it started with. Real sockets through the lab's links, as the terminal's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';

let t: TestLab;

beforeAll(async () => {
  t = await openTestLab();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.lab.postconf.reset();
});

const set = (...assignments: string[]) => {
  const result = t.lab.postconf.edit(assignments);
  expect(result.ok, JSON.stringify(result)).toBe(true);
};

/** A session past its greeting and EHLO, with the EHLO reply. */
async function session(port: number): Promise<{ c: WireClient; ehlo: string }> {
  const c = await WireClient.connect(port);
  expect(await c.reply()).toMatch(/^220 /);
  return { c, ehlo: await c.command('EHLO learner.example') };
}

const PLAIN_ALICE = `AUTH PLAIN ${Buffer.from('\0alice\0alice-password').toString('base64')}`;

/** MAIL, RCPT and DATA on an open session; the Received field the mailbox stored. */
async function deliver(c: WireClient, subject: string): Promise<string> {
  expect(await c.command('MAIL FROM:<learner@learner.example>')).toMatch(/^250 /);
  expect(await c.command('RCPT TO:<bob@example.jp>')).toMatch(/^250 /);
  expect(await c.command('DATA')).toMatch(/^354 /);
  expect(await c.command(`Subject: ${subject}\r\n\r\nhello\r\n.`)).toMatch(/^250 /);
  const stored = t.lab.mailbox.list().find((m) => m.subject === subject);
  expect(stored).toBeDefined();
  return stored!.received;
}

describe('TLS settings: an open session keeps those it was accepted with, STARTTLS included', () => {
  it('smtpd_tls_security_level = none: the open session still gets STARTTLS; a new one is not offered it', async () => {
    const open = await session(t.port25);
    expect(open.ehlo).toMatch(/^250-STARTTLS/m);
    set('smtpd_tls_security_level = none');

    const secure = await open.c.starttls(t.lab.caCertPem);
    expect(secure.getProtocol()).toBe('TLSv1.3');
    expect(await open.c.command('EHLO learner.example')).toMatch(/^250/);
    open.c.destroy();

    const fresh = await session(t.port25);
    expect(fresh.ehlo).not.toMatch(/STARTTLS/);
    expect(await fresh.c.command('STARTTLS')).toMatch(/^500 /);
    fresh.c.destroy();
  });

  it('smtpd_tls_protocols: the open session’s handshake has the old floor (TLS 1.2); a new one the new floor (TLS 1.3)', async () => {
    const open = await session(t.port25);
    set('smtpd_tls_protocols = >=TLSv1.3');

    const old = await open.c.starttls(t.lab.caCertPem, { maxVersion: 'TLSv1.2' });
    expect(old.getProtocol()).toBe('TLSv1.2');
    open.c.destroy();

    const fresh = await session(t.port25);
    await expect(fresh.c.starttls(t.lab.caCertPem, { maxVersion: 'TLSv1.2' })).rejects.toThrow(/protocol version|alert/i);
    fresh.c.destroy();
  });

  it('the certificate: the open session is shown the one it was accepted with', async () => {
    const open = await session(t.port25);
    set('smtpd_tls_cert_file = /etc/smtp-lab/tls/self-signed/cert.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/self-signed/privkey.pem');

    const old = await open.c.starttls(t.lab.caCertPem);
    expect(old.authorized).toBe(true);
    expect(old.getPeerCertificate().issuer.CN).not.toBe(old.getPeerCertificate().subject.CN);
    open.c.destroy();

    const fresh = await session(t.port25);
    await expect(fresh.c.starttls(t.lab.caCertPem)).rejects.toThrow(/self[- ]signed/i);
    fresh.c.destroy();
  });
});

describe('settings outside the handshake: the open session keeps them too', () => {
  it('smtpd_tls_auth_only = no on 587: the open session still hides AUTH and refuses it before TLS; a new one accepts it', async () => {
    const open = await session(t.port587);
    expect(open.ehlo).not.toMatch(/AUTH/);
    set('smtpd_tls_auth_only = no');

    expect(await open.c.command('EHLO learner.example')).not.toMatch(/AUTH/);
    expect(await open.c.command(PLAIN_ALICE)).toMatch(/^538 /);
    open.c.destroy();

    const fresh = await session(t.port587);
    expect(fresh.ehlo).toMatch(/^250-AUTH PLAIN LOGIN CRAM-MD5/m);
    expect(await fresh.c.command(PLAIN_ALICE)).toMatch(/^235 /);
    fresh.c.destroy();
  });

  it('smtpd_tls_security_level = encrypt: the open session may still send MAIL in plaintext; a new one gets 530', async () => {
    const open = await session(t.port25);
    set('smtpd_tls_security_level = encrypt');
    expect(await open.c.command('MAIL FROM:<learner@learner.example>')).toMatch(/^250 /);
    open.c.destroy();

    const fresh = await session(t.port25);
    expect(await fresh.c.command('MAIL FROM:<learner@learner.example>')).toMatch(/^530 5\.7\.0 /);
    fresh.c.destroy();
  });

  it('smtpd_tls_received_header = no: the open session’s message still names its TLS; a new session’s does not', async () => {
    const open = await session(t.port25);
    await open.c.starttls(t.lab.caCertPem);
    expect(await open.c.command('EHLO learner.example')).toMatch(/^250/);
    set('smtpd_tls_received_header = no');
    expect(await deliver(open.c, 'open-session-received')).toMatch(/\(using TLSv1\.3 with cipher /);
    open.c.destroy();

    const fresh = await session(t.port25);
    await fresh.c.starttls(t.lab.caCertPem);
    expect(await fresh.c.command('EHLO learner.example')).toMatch(/^250/);
    const received = await deliver(fresh.c, 'new-session-received');
    expect(received).not.toMatch(/using TLS/);
    expect(received).toMatch(/with ESMTPS/);
    fresh.c.destroy();
  });
});
