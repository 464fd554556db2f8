// eavesdrop on real sockets: a delivery through terminal → mx.example.jp:25 with the attacker on
// the link. In plaintext it reads the envelope, the message and AUTH passwords; after STARTTLS
// only ciphertext.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, waitForEvent } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';
import { attackRows, BODY, deliver, knowledgeWhen, opportunistic, plaintextOnly, SUBJECT, type AttackLab, openAttackLab } from './attack-fixture.ts';
import { learnedFact } from '../../../common/trace-details.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab();
  // The lab's main.cf says smtpd_tls_auth_only = yes; this lesson is about a server that allows AUTH in plaintext.
  expect(t.lab.postconf.edit(['smtpd_tls_auth_only = no'])).toMatchObject({ ok: true });
  await t.attack('eavesdrop');
});

afterAll(async () => t.close());

describe('eavesdrop', () => {
  it('sits on every smtp link: sender → mx, terminal → mx on 25 and 587, checker → mx', () => {
    expect(t.attacker.status().active).toEqual({
      name: 'eavesdrop',
      params: { link: 'all' },
      links: ['mail.sender.example → mx.example.jp:25', 'terminal → mx.example.jp:25', 'terminal → mx.example.jp:587', 'checker.example → mx.example.jp:25'],
    });
  });

  it('reads a plaintext delivery whole: envelope, subject, headers, body; the message arrives unchanged', async () => {
    const before = t.lab.mailbox.list().length;
    const { result, localPort } = await deliver(t.port25, plaintextOnly, { caPem: t.lab.caCertPem });
    expect(result.recipients[0].outcome).toBe('delivered');
    const stored = t.lab.mailbox.list()[before];
    expect(stored.tls).toBeNull();
    expect(stored.text).toContain('The secret figure is 42.');
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.messages.length > 0);
    expect(status.knowledge.envelopes).toContainEqual({ mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] });
    const read = status.knowledge.messages[0];
    expect(read.subject).toBe(SUBJECT);
    expect(read.headers).toContainEqual(['To', 'bob@example.jp']);
    // Dot-stuffing undone: the body is what the sender wrote.
    expect(read.body.replace(/\r\n/g, '\n')).toBe(BODY.replace(/\r\n/g, '\n'));
    expect(status.knowledge.plaintextBytes).toBeGreaterThan(BODY.length);
    const flow = await flowOfPort(t.lab, localPort);
    const learnt = attackRows(flowOf(t.lab, flow), 'learn');
    expect(learnt.map((e) => e.detail?.what)).toEqual(expect.arrayContaining(['mail-from', 'rcpt-to', 'message']));
    // Each row is a fact as the replay reads it (common/trace-details.ts).
    expect(learnt.map((e) => learnedFact(e)?.what)).toEqual(learnt.map((e) => e.detail?.what));
    expect(learnt.map((e) => learnedFact(e))).toContainEqual({ what: 'message', subject: expect.any(String), headerFields: expect.any(Number), bodyChars: expect.any(Number), complete: true });
    // Passive: no row says a byte was changed.
    expect(flowOf(t.lab, flow).some((e) => e.attack)).toBe(false);
  });

  it('after STARTTLS reads nothing of the message: only encrypted bytes are counted', async () => {
    await t.attack('eavesdrop');
    const before = t.lab.mailbox.list().length;
    const { result, localPort } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(result.tls?.version).toBe('TLSv1.3');
    expect(t.lab.mailbox.list()[before].tls?.version).toBe('TLSv1.3');
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.encryptedBytes > 0);
    expect(status.knowledge.messages).toEqual([]);
    expect(status.knowledge.envelopes).toEqual([]);
    const flow = await flowOfPort(t.lab, localPort);
    const shutOut = attackRows(flowOf(t.lab, flow), 'observe').find((e) => e.detail?.what === 'tls-started');
    expect(shutOut?.rule).toBe('RFC 3207 §4');
  });

  it('decodes AUTH PLAIN and AUTH LOGIN sent without TLS: base64 is not encryption', async () => {
    await t.attack('eavesdrop');
    const c = await WireClient.connect(t.port587);
    await c.reply();
    await c.command('EHLO learner.example');
    expect(await c.command(`AUTH PLAIN ${Buffer.from('\0alice\0alice-password').toString('base64')}`)).toMatch(/^235/);
    c.send('QUIT\r\n');
    c.destroy();
    const d = await WireClient.connect(t.port587);
    await d.reply();
    await d.command('EHLO learner.example');
    expect(await d.command('AUTH LOGIN')).toMatch(/^334/);
    expect(await d.command(Buffer.from('bob').toString('base64'))).toMatch(/^334/);
    expect(await d.command(Buffer.from('wrong-guess').toString('base64'))).toMatch(/^535/);
    d.destroy();
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.credentials.length === 2);
    expect(status.knowledge.credentials).toEqual([
      { mechanism: 'PLAIN', user: 'alice', password: 'alice-password' },
      { mechanism: 'LOGIN', user: 'bob', password: 'wrong-guess' },
    ]);
    const row = await waitForEvent(t.lab, (e) => e.layer === 'attack' && e.detail?.what === 'credential' && e.detail?.user === 'alice');
    expect(row).toMatchObject({ rule: 'RFC 4954 §4', detail: { attack: 'eavesdrop', action: 'learn', mechanism: 'PLAIN', password: 'alice-password' } });
    expect(learnedFact(row)).toEqual({ what: 'credential', mechanism: 'PLAIN', user: 'alice', password: 'alice-password' });
  });

  it('tells subscribers as it learns', async () => {
    await t.attack('eavesdrop');
    const seen: number[] = [];
    const unsubscribe = t.attacker.subscribe((s) => seen.push(s.knowledge.envelopes.length));
    await deliver(t.port25, plaintextOnly, { caPem: t.lab.caCertPem });
    await knowledgeWhen(t.attacker, (s) => s.knowledge.messages.length === 1);
    unsubscribe();
    expect(seen).toContain(1);
  });
});
