// strip-starttls on real sockets: an opportunistic client goes on in plaintext, the receiver
// gets the message without TLS, and the attacker has read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';
import { attackRows, deliver, knowledgeWhen, openAttackLab, opportunistic, SUBJECT, type AttackLab } from './attack-fixture.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab();
});

afterAll(async () => t.close());

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('strip-starttls', () => {
  it('rewrites 250-STARTTLS to 250-XXXXXXXA: the opportunistic client delivers in plaintext and the attacker reads it', async () => {
    await t.attack('strip-starttls');
    const before = t.lab.mailbox.list().length;
    const { result, localPort } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(result.starttlsOffered).toBe(false);
    expect(result.tls).toBeUndefined();
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(t.lab.mailbox.list()[before].tls).toBeNull();
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.messages.length > 0);
    expect(status.knowledge.messages[0].subject).toBe(SUBJECT);
    const flow = await flowOfPort(t.lab, localPort);
    const [rewrite] = attackRows(flowOf(t.lab, flow), 'rewrite');
    expect(rewrite).toMatchObject({ dir: 's2c', rule: 'RFC 3207 §6', detail: { attack: 'strip-starttls', from: 'STARTTLS', to: 'XXXXXXXA' } });
    const before64 = Buffer.from(rewrite.attack!.before, 'base64').toString('latin1');
    const after64 = Buffer.from(rewrite.attack!.after, 'base64').toString('latin1');
    expect(before64).toMatch(/^250-STARTTLS\r$/m);
    expect(after64).toMatch(/^250-XXXXXXXA\r$/m);
    expect(after64.length).toBe(before64.length);
    // The trace decodes what the client got: the EHLO reply without STARTTLS.
    const ehlo = flowOf(t.lab, flow).find((e) => e.detail?.kind === 'reply' && e.detail?.inReplyTo === 'EHLO');
    expect(ehlo?.detail?.lines).toContain('XXXXXXXA');
  });

  it('answers 454 in the server\'s name to a client that sends STARTTLS anyway; the server never sees it', async () => {
    await t.attack('strip-starttls', { mode: 'refuse-454' });
    const c = await WireClient.connect(t.port25);
    await c.reply();
    // refuse-454 leaves the EHLO reply alone.
    expect(await c.command('EHLO learner.example')).toMatch(/250-STARTTLS/);
    expect(await c.command('STARTTLS')).toMatch(/^454 4\.7\.0 /);
    // Still plaintext: the session goes on.
    expect(await c.command('MAIL FROM:<alice@sender.example>')).toMatch(/^250/);
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    c.destroy();
    const [refusal] = attackRows(flowOf(t.lab, flow), 'refuse');
    expect(Buffer.from(refusal.attack!.before, 'base64').toString()).toBe('STARTTLS\r\n');
    expect(Buffer.from(refusal.attack!.after, 'base64').toString()).toMatch(/^454 /);
    const reply = flowOf(t.lab, flow).find((e) => e.detail?.kind === 'reply' && e.detail?.inReplyTo === 'STARTTLS');
    expect(reply?.detail?.code).toBe(454);
  });

  it('leaves a STARTTLS line inside a message body alone', async () => {
    await t.attack('strip-starttls');
    const c = await WireClient.connect(t.port25);
    await c.reply();
    await c.command('EHLO learner.example');
    await c.command('MAIL FROM:<alice@sender.example>');
    await c.command('RCPT TO:<bob@example.jp>');
    expect(await c.command('DATA')).toMatch(/^354/);
    const before = t.lab.mailbox.list().length;
    expect(await c.command('Subject: lines\r\n\r\nSTARTTLS\r\n250-STARTTLS\r\n.')).toMatch(/^250/);
    expect(t.lab.mailbox.list()[before].text).toContain('STARTTLS\n250-STARTTLS');
    c.destroy();
  });

  it('with the EHLO reply stripped, a submission client\'s AUTH PLAIN goes out readable', async () => {
    await t.close();
    t = await openAttackLab();
    // The lab's main.cf says smtpd_tls_auth_only = yes; this lesson is about a server that allows AUTH in plaintext.
    expect(t.lab.postconf.edit(['smtpd_tls_auth_only = no'])).toMatchObject({ ok: true });
    await t.attack('strip-starttls');
    const c = await WireClient.connect(t.port587);
    await c.reply();
    expect(await c.command('EHLO learner.example')).not.toMatch(/STARTTLS/);
    expect(await c.command(`AUTH PLAIN ${b64('\0alice\0alice-password')}`)).toMatch(/^235/);
    c.destroy();
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.credentials.length > 0);
    expect(status.knowledge.credentials[0]).toEqual({ mechanism: 'PLAIN', user: 'alice', password: 'alice-password' });
  });
});
