// The attacks that send through the attacker's own MTA (spoof-from, forward, mailing-list,
// header-edit), end to end: the sender's message, the hop, and what mx.example.jp's checks
// wrote, in `outcome.auth` and `outcome.folder` as `smtp-lab send --json` reports them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from 'mailauth';
import { openTestLab, type TestLab } from '../../nodes/lab-fixture.ts';
import { WireClient } from '../../nodes/wire-client.ts';
import { ALL_LAB_MILTERS } from '../../../../engine/postconf/milters.ts';
import { mailauthResolver } from '../../../../engine/nodes/receiver/auth/mailauth-resolver.ts';
import { outcomeLines } from '../../../../engine/cli/format/outcome-text.ts';

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
  expect(t.lab.postconf.edit([`smtpd_milters = ${ALL_LAB_MILTERS}`]).ok).toBe(true);
});

async function sendThrough(attack: string | null, params: Record<string, string> = {}, from = 'alice@sender.example') {
  if (attack) {
    const set = await t.lab.attacker.set(attack as never, params);
    expect(set.ok, JSON.stringify(set)).toBe(true);
  }
  const submitted = t.lab.sender.submit({ from, to: ['bob@example.jp'], subject: 'Quarterly numbers', body: 'Revenue is up 12 percent.', policy: 'opportunistic' });
  if (!submitted.ok) throw new Error(submitted.message);
  const message = await t.lab.sender.settled(submitted.message.id);
  const stored = t.lab.mailbox.list().find((m) => m.headers.some(([n, v]) => n === 'Message-ID' && v === message.messageId));
  return { outcome: message.outcome!, stored };
}

describe('attacks through the attacker\'s own MTA', () => {
  it('spoof-from: the same From from 203.0.113.66 fails SPF, has no DKIM, fails DMARC; p=none of sender.example lets it in', async () => {
    const { outcome, stored } = await sendThrough('spoof-from');
    expect(outcome).toMatchObject({ delivered: true, attackerRead: true, folder: 'inbox', auth: { spf: 'fail', dkim: 'none', dmarc: 'fail' } });
    expect(stored!.received).toMatch(/^Received: from mail\.attacker\.example \(mail\.attacker\.example \[203\.0\.113\.66\]\)/);
    expect(stored!.auth!.header).toMatch(/spf=fail \(mx\.example\.jp: domain of alice@sender\.example does not designate 203\.0\.113\.66 as permitted sender\)/);
    expect(stored!.auth!.header).toMatch(/dmarc=fail \(p=NONE/);
  });

  it('spoof-from as ceo@example.jp is refused at the end of DATA (p=reject); with the attacker\'s own envelope SPF passes but does not align', async () => {
    const asCeo = await sendThrough('spoof-from', { 'header-from': 'ceo@example.jp' });
    expect(asCeo.outcome).toMatchObject({ delivered: false, folder: 'rejected', auth: { spf: 'fail', dkim: 'none', dmarc: 'fail' } });
    // The reason is the genuine receiver's refusal, not an impostor keeping the message.
    expect(asCeo.outcome.reason).toMatch(/the message it sent on was refused by the genuine mx\.example\.jp at the end of DATA: 550 5\.7\.1 Rejected by DMARC policy for example\.jp/);
    const printed = outcomeLines(asCeo.outcome, 'delivered');
    expect(printed[0]).toBe("delivery:  NOT delivered: the attacker's MTA took it and sent it on, and the genuine mx.example.jp refused it at the end of DATA");
    expect(printed).toContain('receiver:  spf=fail dkim=none dmarc=fail arc=none; folder: rejected at end of DATA');
    const aligned = await sendThrough('spoof-from', { 'header-from': 'ceo@example.jp', 'mail-from': 'attacker' });
    expect(aligned.outcome).toMatchObject({ delivered: false, folder: 'rejected', auth: { spf: 'pass', dmarc: 'fail' } });
    const refused = t.lab.receiver.mailbox.rejected().at(-1)!;
    expect(refused.auth.spf).toMatchObject({ result: 'pass', domain: 'attacker.example' });
    expect(refused.reply).toMatch(/^550 5\.7\.1 Rejected by DMARC policy for example\.jp/);
  });

  it('forward: SPF fails at the next hop, DKIM survives and carries DMARC', async () => {
    const { outcome, stored } = await sendThrough('forward');
    expect(outcome).toMatchObject({ delivered: true, folder: 'inbox', auth: { spf: 'fail', dkim: 'pass', dmarc: 'pass' } });
    expect(stored!.auth!.dmarc).toMatchObject({ alignedDkim: 'sender.example', alignedSpf: null });
  });

  it('header-edit: a changed Subject fails the signature, a changed body fails the body hash', async () => {
    const subject = await sendThrough('header-edit');
    expect(subject.outcome.auth).toMatchObject({ dkim: 'fail' });
    expect(subject.stored!.subject).toBe('URGENT: Quarterly numbers');
    expect(subject.stored!.auth!.dkim).toMatchObject([{ comment: 'bad signature' }]);
    const body = await sendThrough('header-edit', { part: 'body' });
    expect(body.stored!.auth!.dkim).toMatchObject([{ result: 'fail', libraryResult: 'neutral', comment: 'body hash did not verify' }]);
  });

  describe('mailing-list to an author whose domain says p=reject', () => {
    beforeEach(() => {
      const set = t.lab.dnsService!.edit({ op: 'replace', zone: 'sender.example', name: '_dmarc.sender.example', type: 'TXT', value: 'v=DMARC1; p=reject' });
      expect(set.ok).toBe(true);
    });
    afterAll(() => {
      t.lab.dnsService!.edit({ op: 'replace', zone: 'sender.example', name: '_dmarc.sender.example', type: 'TXT', value: 'v=DMARC1; p=none' });
    });

    it('without ARC the list breaks DKIM and the message is refused', async () => {
      const { outcome } = await sendThrough('mailing-list', { arc: 'off' });
      expect(outcome).toMatchObject({ folder: 'rejected', auth: { dkim: 'fail', dmarc: 'fail', arc: 'none' } });
    });

    it('with ARC the chain verifies (arc=pass) and records dmarc=pass from before the list; a receiver that trusts the list accepts it', async () => {
      const untrusted = await sendThrough('mailing-list', { arc: 'on' });
      expect(untrusted.outcome).toMatchObject({ folder: 'rejected', auth: { dkim: 'fail', dmarc: 'fail', arc: 'pass' } });
      const refused = t.lab.receiver.mailbox.rejected().at(-1)!;
      expect(refused.auth.arc).toMatchObject({ result: 'pass', sealer: 'attacker.example', instances: 1 });
      expect(refused.auth.arc!.firstResults).toMatch(/dmarc=pass/);

      // The receiver's local policy now trusts the list's seal (RFC 8617 §7.2).
      t.lab.receiver.setAuth({ checks: { spf: true, dkim: true, dmarc: true, arc: true }, enforce: true, trustedArcSealers: ['attacker.example'] });
      const trusted = await sendThrough('mailing-list', { arc: 'on' });
      expect(trusted.outcome).toMatchObject({ delivered: true, folder: 'inbox', auth: { dmarc: 'fail', arc: 'pass' } });
      expect(trusted.stored!.auth!.disposition).toMatchObject({ action: 'accept', override: 'mailing_list', rule: 'RFC 8617 §7.2' });
      expect(trusted.stored!.subject).toBe('[list] Quarterly numbers');
    });

    it('ARC as mailauth finds it: the sealed list message passes, the same message changed after the seal fails the chain', async () => {
      t.lab.receiver.setAuth({ checks: { spf: true, dkim: true, dmarc: true, arc: true }, enforce: true, trustedArcSealers: ['attacker.example'] });
      const { outcome, stored } = await sendThrough('mailing-list', { arc: 'on' });
      expect(outcome).toMatchObject({ folder: 'inbox', auth: { arc: 'pass' } });
      expect(stored!.auth!.arc).toMatchObject({ result: 'pass', sealer: 'attacker.example' });
      expect(stored!.auth!.header).toMatch(/\r\n\tarc=pass \(i=1 /);
      const sealed = asSent(stored!);
      expect(sealed.toString()).toMatch(/^ARC-Seal: i=1;/);
      const resolver = mailauthResolver(t.lab.dns.resolver('oracle', { validate: true })) as never;
      const oracle = await authenticate(sealed, { ip: '203.0.113.66', helo: 'mail.attacker.example', sender: 'list-bounces@attacker.example', mta: 'mx.example.jp', resolver, disableBimi: true });
      expect(arcResult(oracle)).toBe('pass');

      // RFC 8617 §4.1.2: the ARC-Message-Signature covers the Subject; a change after the seal breaks the chain.
      const edited = Buffer.from(sealed.toString().replace('Subject: [list] Quarterly numbers', 'Subject: [list] Quarterly numbers, revised'));
      expect(await typedRaw(edited)).toMatch(/^550 5\.7\.1 /);
      const broken = t.lab.receiver.mailbox.rejected().at(-1)!;
      expect(broken.auth.arc).toMatchObject({ result: 'fail' });
      expect(broken.auth.disposition).toMatchObject({ action: 'reject', override: null });
      expect(broken.auth.header).toMatch(/\r\n\tarc=fail/);
      const oracleEdited = await authenticate(edited, { ip: '192.0.2.10', sender: 'list-bounces@attacker.example', mta: 'mx.example.jp', resolver, disableBimi: true });
      expect(arcResult(oracleEdited)).toBe('fail');
    });
  });
});

/** mailauth's ARC verdict; its arc is false for a message without ARC sets. */
const arcResult = (r: { arc?: unknown }) => (r.arc ? (r.arc as { status?: { result?: string } }).status?.result : 'none');

/** The message without the two fields mx.example.jp prepended (Authentication-Results, Received), as it was sent. */
function asSent(stored: { headers: [string, string][]; text: string }): Buffer {
  const lines = stored.headers.slice(2).map(([n, v]) => `${n}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${stored.text.replace(/\r?\n/g, '\r\n')}`);
}

/** The terminal (192.0.2.10) sending these message bytes as they are. */
async function typedRaw(message: Buffer): Promise<string> {
  const c = await WireClient.connect(t.port25);
  await c.reply();
  await c.command('EHLO learner.example');
  await c.command('MAIL FROM:<list-bounces@attacker.example>');
  await c.command('RCPT TO:<bob@example.jp>');
  await c.command('DATA');
  const reply = await c.command(`${message.toString().replace(/\r\n$/, '')}\r\n.`);
  c.destroy();
  return reply;
}
