// What each smtpd_* parameter does to mx.example.jp, checked with real handshakes: openssl
// s_client is the client, as the learner would run it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';
import { hasOpenssl, sClient } from './openssl-client.ts';

const openssl = hasOpenssl();
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
const s = (args: string[], input?: string) => sClient(t.port25, args, input, t.lab.caPath);

describe.skipIf(!openssl)('smtpd_* parameters against openssl s_client (skipped: no openssl)', () => {
  it('smtpd_tls_protocols = >=TLSv1 completes a TLS 1.0 handshake; the lab default refuses it', async () => {
    const legacy = ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'];
    expect((await s(legacy)).session).toBeNull();
    set('smtpd_tls_protocols = >=TLSv1');
    expect((await s(legacy)).session?.protocol).toBe('TLSv1.0');
    // Only the legacy setting drops the security level: a modern client still gets TLS 1.3.
    expect((await s([])).session?.protocol).toBe('TLSv1.3');
  });

  it('the legacy exclusion form !TLSv1, !TLSv1.1 and an upper bound <=TLSv1.2', async () => {
    set('smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3');
    expect((await s([])).session?.protocol).toBe('TLSv1.2');
    expect((await s(['-tls1_3'])).session).toBeNull();
    set('smtpd_tls_protocols = >=TLSv1.3');
    expect((await s(['-tls1_2'])).session).toBeNull();
  });

  it('smtpd_tls_security_level: none offers no STARTTLS; encrypt refuses MAIL before it and uses the mandatory protocols', async () => {
    set('smtpd_tls_security_level = none');
    const none = await s([]);
    expect(none.session).toBeNull();
    expect(none.output).toMatch(/STARTTLS not supported|didn't find starttls/i);

    set('smtpd_tls_security_level = encrypt', 'smtpd_tls_mandatory_protocols = >=TLSv1.3', 'smtpd_tls_protocols = >=TLSv1');
    const c = await WireClient.connect(t.port25);
    await c.reply();
    await c.command('EHLO learner.example');
    expect(await c.command('MAIL FROM:<a@learner.example>')).toMatch(/^530 5\.7\.0 Must issue a STARTTLS command first/);
    c.destroy();
    expect((await s(['-tls1_2'])).session).toBeNull();
    expect((await s(['-tls1_3'])).session?.protocol).toBe('TLSv1.3');
  });

  it('smtpd_tls_ciphers grades and smtpd_tls_exclude_ciphers shape TLS 1.2', async () => {
    const nullCipher = ['-tls1_2', '-cipher', 'eNULL@SECLEVEL=0'];
    expect((await s(nullCipher)).session).toBeNull();
    set('smtpd_tls_ciphers = null', 'smtpd_tls_exclude_ciphers =');
    expect((await s(nullCipher)).session?.cipher).toMatch(/NULL/);

    t.lab.postconf.reset();
    const gcm = ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256'];
    expect((await s(gcm)).session?.cipher).toBe('ECDHE-ECDSA-AES128-GCM-SHA256');
    set('smtpd_tls_exclude_ciphers = AESGCM, aNULL');
    expect((await s(gcm)).session).toBeNull();
    expect((await s(['-tls1_2'])).session?.cipher).not.toMatch(/GCM/);
  });

  it('the mandatory cipher grade applies at level encrypt only', async () => {
    const nullCipher = ['-tls1_2', '-cipher', 'eNULL@SECLEVEL=0'];
    set('smtpd_tls_mandatory_ciphers = null', 'smtpd_tls_exclude_ciphers =');
    expect((await s(nullCipher)).session).toBeNull();
    set('smtpd_tls_security_level = encrypt');
    expect((await s(nullCipher)).session?.cipher).toMatch(/NULL/);
  });

  it('certificate files: leaf only, full chain, expired, wrong name, self-signed', async () => {
    const valid = await s(['-verify_hostname', 'mx.example.jp']);
    expect(valid.certificates).toBe(1);
    expect(valid.verifyCode).toBe(0);
    set('smtpd_tls_chain_files = /etc/smtp-lab/tls/valid/privkey.pem, /etc/smtp-lab/tls/valid/fullchain.pem');
    expect((await s([])).certificates).toBe(2);
    set('smtpd_tls_chain_files =', 'smtpd_tls_cert_file = /etc/smtp-lab/tls/expired/fullchain.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/expired/privkey.pem');
    expect((await s([])).verifyCode).toBe(10); // certificate has expired
    set('smtpd_tls_cert_file = /etc/smtp-lab/tls/wrong-name/cert.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/wrong-name/privkey.pem');
    expect((await s(['-verify_hostname', 'mx.example.jp'])).verifyCode).toBe(62); // hostname mismatch
    set('smtpd_tls_cert_file = /etc/smtp-lab/tls/self-signed/cert.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/self-signed/privkey.pem');
    expect((await s([])).verifyCode).toBe(18); // self-signed certificate
  });
});

describe('smtpd_tls_auth_only and smtpd_tls_received_header', () => {
  it('smtpd_tls_auth_only = no lets AUTH through on 587 before STARTTLS; yes refuses it', async () => {
    const auth = async () => {
      const c = await WireClient.connect(t.port587);
      await c.reply();
      await c.command('EHLO learner.example');
      const reply = await c.command(`AUTH PLAIN ${Buffer.from('\0alice\0alice-password').toString('base64')}`);
      c.destroy();
      return reply;
    };
    expect(await auth()).toMatch(/^538 /);
    set('smtpd_tls_auth_only = no');
    expect(await auth()).toMatch(/^235 /);
  });

  it('smtpd_tls_received_header = no leaves the TLS clause out of the Received field, as Postfix does', async () => {
    const send = async () => {
      const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'r', body: 'r\n' });
      if (!submitted.ok) throw new Error(submitted.message);
      const done = await t.lab.sender.settled(submitted.message.id);
      expect(done.state).toBe('delivered');
      return t.lab.mailbox.list().at(-1)!.received;
    };
    expect(await send()).toMatch(/\(using TLSv1\.3 with cipher \S+ \(256\/256 bits\)\)\r\n\t\(No client certificate requested\)\r\n\tby mx\.example\.jp \(SMTP Lab\) with ESMTPS/);
    set('smtpd_tls_received_header = no');
    const without = await send();
    expect(without).not.toMatch(/using TLS/);
    expect(without).toMatch(/with ESMTPS/);
  });
});
