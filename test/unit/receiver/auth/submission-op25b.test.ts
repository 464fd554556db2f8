// Submission on mx.example.jp:587 (RFC 6409) with SMTP AUTH (RFC 4954): PLAIN, LOGIN and CRAM-MD5
// (RFC 2195) with nodemailer as the mail client, AUTH only after STARTTLS (smtpd_tls_auth_only),
// what the eavesdropper reads with and without TLS, and OP25B on the terminal's ISP link.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestLab, type TestLab } from '../../nodes/lab-fixture.ts';
import { WireClient } from '../../nodes/wire-client.ts';
import { ispStatus } from '../../../../engine/api/isp-api.ts';
import { ALL_LAB_MILTERS } from '../../../../engine/postconf/milters.ts';

let t: TestLab;
beforeAll(async () => {
  t = await openTestLab();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.lab.attacker.off();
  t.lab.postconf.reset();
  ispStatus(t.lab.network, false);
});

const submit = (method: string, options: { ignoreTLS?: boolean; port?: number; password?: string } = {}) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port: options.port ?? t.port587, secure: false, ignoreTLS: options.ignoreTLS ?? false, requireTLS: !options.ignoreTLS, tls: { ca: t.lab.caCertPem, servername: 'mx.example.jp' }, authMethod: method, auth: { user: 'alice', pass: options.password ?? 'alice-password' }, name: 'laptop.example' })
    .sendMail({ from: 'alice@example.jp', to: 'carol@other.example', subject: `via ${method}`, text: 'hello' });

describe('submission with SMTP AUTH', () => {
  it('the lab lists its accounts with the receiver in the host table', () => {
    expect(t.lab.hosts().find((h) => h.name === 'mx.example.jp')!.accounts).toEqual([
      { user: 'alice', password: 'alice-password', port: 587 },
      { user: 'bob', password: 'bob-password', port: 587 },
    ]);
  });

  it.each(['PLAIN', 'LOGIN', 'CRAM-MD5'])('AUTH %s after STARTTLS submits the message (ESMTPSA)', async (method) => {
    const info = await submit(method);
    expect(info.response).toMatch(/^250 /);
    const stored = t.lab.mailbox.list().at(-1)!;
    expect(stored).toMatchObject({ port: 587, authUser: 'alice', subject: `via ${method}` });
    expect(stored.received).toMatch(/with ESMTPSA id/);
  });

  it('with the milters on, an authenticated submission is signed, not SPF/DMARC-checked (OpenDMARC IgnoreAuthenticatedClients)', async () => {
    expect(t.lab.postconf.edit([`smtpd_milters = ${ALL_LAB_MILTERS}`]).ok).toBe(true);
    // 192.0.2.10 is not in example.jp's SPF record: checked like port 25 mail, this would be spf=fail.
    const info = await submit('PLAIN');
    expect(info.response).toMatch(/^250 /);
    const stored = t.lab.mailbox.list().at(-1)!;
    expect(stored).toMatchObject({ port: 587, authUser: 'alice' });
    expect(stored.auth).toBeUndefined();
    expect(stored.headers.map(([name]) => name.toLowerCase())).not.toContain('authentication-results');
    expect(stored.headers.find(([name]) => name.toLowerCase() === 'dkim-signature')?.[1]).toMatch(/d=example\.jp;/);
    expect(t.lab.trace.all().some((e) => e.detail?.kind === 'sender-auth' && e.flow === stored.flow)).toBe(false);
  });

  it('a wrong password is refused with 535', async () => {
    await expect(submit('CRAM-MD5', { password: 'nope' })).rejects.toMatchObject({ responseCode: 535 });
  });

  it('smtpd_tls_auth_only = yes (the lab default) refuses AUTH before STARTTLS (538, RFC 4954 §4); no takes it in plaintext', async () => {
    const plain = 'AUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk';
    const c = await WireClient.connect(t.port587);
    await c.reply();
    // As Postfix: AUTH is not even offered before TLS, and refused when sent anyway.
    expect(await c.command('EHLO laptop.example')).not.toMatch(/AUTH/);
    expect(await c.command(plain)).toMatch(/^538 /);
    c.destroy();
    expect(t.lab.postconf.edit(['smtpd_tls_auth_only = no']).ok).toBe(true);
    const d = await WireClient.connect(t.port587);
    await d.reply();
    expect(await d.command('EHLO laptop.example')).toMatch(/250-AUTH PLAIN LOGIN CRAM-MD5/);
    expect(await d.command(plain)).toMatch(/^235 /);
    d.destroy();
  });

  it('the eavesdropper reads AUTH PLAIN and LOGIN passwords without TLS, nothing with it; CRAM-MD5 never sends the password', async () => {
    expect(t.lab.postconf.edit(['smtpd_tls_auth_only = no']).ok).toBe(true);
    expect((await t.lab.attacker.set('eavesdrop', {})).ok).toBe(true);
    await submit('PLAIN', { ignoreTLS: true });
    await submit('LOGIN', { ignoreTLS: true });
    await submit('CRAM-MD5', { ignoreTLS: true });
    const read = t.lab.attacker.status().knowledge.credentials;
    expect(read).toEqual(expect.arrayContaining([expect.objectContaining({ mechanism: 'PLAIN', user: 'alice', password: 'alice-password' }), expect.objectContaining({ mechanism: 'LOGIN', user: 'alice', password: 'alice-password' })]));
    expect(read.filter((c) => c.password === 'alice-password')).toHaveLength(2);
    expect((await t.lab.attacker.set('eavesdrop', {})).ok).toBe(true);
    await submit('PLAIN');
    await submit('LOGIN');
    expect(t.lab.attacker.status().knowledge.credentials).toEqual([]);
  });
});

describe('OP25B on the terminal\'s ISP link', () => {
  it('refuses the terminal\'s connections to port 25, with a trace row, and lets submission on 587 through', async () => {
    ispStatus(t.lab.network, true);
    await expect(WireClient.connect(t.port25).then((c) => c.reply())).rejects.toThrow();
    const row = [...t.lab.trace.all()].reverse().find((e) => e.detail?.kind === 'blocked');
    expect(row).toMatchObject({ layer: 'tcp', link: { from: 'terminal', to: 'mx.example.jp', port: 25 } });
    expect(row!.summary).toMatch(/OP25B/);
    expect((await submit('PLAIN')).response).toMatch(/^250 /);
    // The sender's own MTA is not an ISP customer: its port 25 still works.
    const sent = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'server to server', body: 'x', policy: 'opportunistic' });
    expect(sent.ok && (await t.lab.sender.settled(sent.message.id)).outcome?.delivered).toBe(true);
    ispStatus(t.lab.network, false);
    const c = await WireClient.connect(t.port25);
    expect(await c.reply()).toMatch(/^220 /);
    c.destroy();
  });
});
