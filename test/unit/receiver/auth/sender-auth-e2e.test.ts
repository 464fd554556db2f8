// The receiver's SPF, DKIM and DMARC checks end to end: real deliveries through the lab, the
// verdicts compared with what mailauth itself reports for the same bytes and with the
// Authentication-Results field the receiver wrote.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from 'mailauth';
import { openTestLab, type TestLab } from '../../nodes/lab-fixture.ts';
import { WireClient } from '../../nodes/wire-client.ts';
import { mailauthResolver } from '../../../../engine/nodes/receiver/auth/mailauth-resolver.ts';
import { ALL_LAB_MILTERS } from '../../../../engine/postconf/milters.ts';
import { loadDkimKey } from '../../../../engine/nodes/sender/dkim/dkim-key.ts';
import { signOutgoing } from '../../../../engine/nodes/sender/dkim/dkim-sign.ts';

let t: TestLab;
beforeAll(async () => {
  t = await openTestLab();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.lab.postconf.reset();
  t.lab.receiver.mailbox.clear();
});

const milters = (value = ALL_LAB_MILTERS) => expect(t.lab.postconf.edit([`smtpd_milters = ${value}`]).ok).toBe(true);
const header = (m: { headers: [string, string][] }, name: string) => m.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);

async function send(from: string, subject: string) {
  const submitted = t.lab.sender.submit({ from, to: ['bob@example.jp'], subject, body: 'Numbers attached.', policy: 'opportunistic' });
  if (!submitted.ok) throw new Error(submitted.message);
  return t.lab.sender.settled(submitted.message.id);
}

/** The learner's terminal (192.0.2.10) typing a whole transaction. */
async function typed(mailFrom: string, headerFrom: string): Promise<string> {
  const c = await WireClient.connect(t.port25);
  await c.reply();
  await c.command('EHLO learner.example');
  await c.command(`MAIL FROM:<${mailFrom}>`);
  await c.command('RCPT TO:<bob@example.jp>');
  await c.command('DATA');
  const reply = await c.command(`From: ${headerFrom}\r\nTo: bob@example.jp\r\nSubject: typed\r\nMessage-ID: <typed.${Date.now()}@learner.example>\r\n\r\nhello\r\n.`);
  c.destroy();
  return reply;
}

/** The terminal sending these message bytes as they are. */
async function typedRaw(message: string): Promise<string> {
  const c = await WireClient.connect(t.port25);
  await c.reply();
  await c.command('EHLO learner.example');
  await c.command('MAIL FROM:<alice@sender.example>');
  await c.command('RCPT TO:<bob@example.jp>');
  await c.command('DATA');
  const reply = await c.command(`${message.replace(/\r?\n$/, '')}\r\n.`);
  c.destroy();
  return reply;
}

describe('sender authentication at mx.example.jp', () => {
  it('checks nothing and writes no Authentication-Results while smtpd_milters is empty (Postfix default)', async () => {
    const sent = await send('alice@sender.example', 'no milters');
    expect(sent.outcome?.delivered).toBe(true);
    const stored = t.lab.mailbox.list().at(-1)!;
    expect(header(stored, 'Authentication-Results')).toEqual([]);
    expect(stored.auth ?? null).toBeNull();
    expect(sent.outcome?.auth).toBeNull();
    expect(sent.outcome?.folder).toBe('inbox');
    // The sender signs anyway (non_smtpd_milters = OpenDKIM): the signature travels unchecked.
    expect(header(stored, 'DKIM-Signature')).toHaveLength(1);
  });

  it('passes SPF, DKIM and DMARC for the genuine sender, as mailauth itself finds for the same bytes', async () => {
    milters();
    const sent = await send('alice@sender.example', 'genuine');
    expect(sent.outcome).toMatchObject({ delivered: true, folder: 'inbox', auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass' } });
    const stored = t.lab.mailbox.list().at(-1)!;
    // RFC 8601 §5: the field sits above the Received field this receiver added.
    expect(stored.headers[0][0]).toBe('Authentication-Results');
    expect(stored.headers[1][0]).toBe('Received');
    const ar = stored.auth!.header;
    expect(ar).toMatch(/^Authentication-Results: mx\.example\.jp;/);
    expect(ar).toMatch(/spf=pass .* smtp\.mailfrom=alice@sender\.example/);
    expect(ar).toMatch(/dkim=pass .*header\.d=sender\.example header\.s=\w+/);
    expect(ar).toMatch(/dmarc=pass .*header\.from=sender\.example/);

    // The oracle: mailauth's own authenticate() on the message as the sender sent it, from the sender's lab address.
    const sentBytes = rawAsSent(stored);
    const oracle = await authenticate(sentBytes, { ip: '198.51.100.25', helo: 'mail.sender.example', sender: 'alice@sender.example', mta: 'mx.example.jp', resolver: mailauthResolver(t.lab.dns.resolver('oracle', { validate: true })) as never, disableBimi: true });
    expect(oracle.spf && oracle.spf.status.result).toBe('pass');
    expect(oracle.dkim.results[0].status.result).toBe('pass');
    expect(oracle.dmarc && oracle.dmarc.status.result).toBe('pass');
  });

  it('fails SPF for the terminal sending as sender.example; p=none of sender.example still delivers to the inbox', async () => {
    milters();
    const reply = await typed('alice@sender.example', 'Alice <alice@sender.example>');
    expect(reply).toMatch(/^250 /);
    const stored = t.lab.mailbox.list().at(-1)!;
    expect(stored.auth).toMatchObject({ spf: { result: 'fail', clientIp: '192.0.2.10' }, dkim: [], dmarc: { result: 'fail', policy: 'none' } });
    expect(stored.folder).toBe('inbox');
    expect(stored.auth!.header).toMatch(/spf=fail \(mx\.example\.jp: domain of alice@sender\.example does not designate 192\.0\.2\.10 as permitted sender\)/);
    expect(stored.auth!.header).toMatch(/dkim=none/);
    expect(stored.auth!.header).toMatch(/dmarc=fail \(p=NONE/);
    // The oracle: mailauth on the same bytes from the terminal's lab address.
    const oracle = await authenticate(rawAsSent(stored), { ip: '192.0.2.10', helo: 'learner.example', sender: 'alice@sender.example', mta: 'mx.example.jp', resolver: mailauthResolver(t.lab.dns.resolver('oracle', { validate: true })) as never, disableBimi: true });
    expect(oracle.spf && oracle.spf.status.result).toBe('fail');
    expect(oracle.dkim.results[0].status.result).toBe('none');
    expect(oracle.dmarc && oracle.dmarc.status.result).toBe('fail');
  });

  it('refuses at the end of DATA a From of example.jp (p=reject) that neither SPF nor DKIM backs, with the reason', async () => {
    milters();
    const reply = await typed('alice@sender.example', 'The CEO <ceo@example.jp>');
    expect(reply).toMatch(/^550 5\.7\.1 Rejected by DMARC policy for example\.jp/);
    expect(t.lab.mailbox.list()).toHaveLength(0);
    const refused = t.lab.receiver.mailbox.rejected().at(-1)!;
    expect(refused.auth).toMatchObject({ spf: { result: 'fail' }, dmarc: { result: 'fail', policy: 'reject', fromDomain: 'example.jp' }, disposition: { action: 'reject', rule: 'RFC 7489 §6.6.2 (p=reject)' } });
  });

  it('puts a DMARC failure under p=quarantine in the Junk folder', async () => {
    milters();
    const changed = await t.lab.dnsService!.edit({ op: 'replace', zone: 'sender.example', name: '_dmarc.sender.example', type: 'TXT', value: 'v=DMARC1; p=quarantine' });
    expect(changed.ok, JSON.stringify(changed)).toBe(true);
    try {
      await typed('alice@sender.example', 'Alice <alice@sender.example>');
      const stored = t.lab.mailbox.list().at(-1)!;
      expect(stored.folder).toBe('junk');
      expect(stored.auth?.disposition).toMatchObject({ action: 'quarantine', rule: 'RFC 7489 §6.6.2 (p=quarantine)' });
    } finally {
      await t.lab.dnsService!.edit({ op: 'replace', zone: 'sender.example', name: '_dmarc.sender.example', type: 'TXT', value: 'v=DMARC1; p=none' });
    }
  });

  it('fails DKIM for a signed message whose Subject or body changed on the way; mailauth calls the body case neutral', async () => {
    // Signed as the sender signs (its OpenDKIM, the lab's key for sender.example).
    const plain = 'From: Alice <alice@sender.example>\r\nTo: bob@example.jp\r\nSubject: Invoice 100\r\nMessage-ID: <inv100@sender.example>\r\n\r\nNumbers attached.\r\n';
    const signed = (await signOutgoing(Buffer.from(plain), loadDkimKey(t.lab.dataDir))).toString();
    expect(signed).toMatch(/^DKIM-Signature: /);
    milters('inet:localhost:8891');
    const resolver = mailauthResolver(t.lab.dns.resolver('oracle', { validate: true })) as never;

    const subjectEdited = signed.replace('Subject: Invoice 100', 'Subject: Invoice 900');
    expect(await typedRaw(subjectEdited)).toMatch(/^250 /);
    const edited = t.lab.mailbox.list().at(-1)!;
    expect(edited.auth!.dkim).toMatchObject([{ result: 'fail', domain: 'sender.example', comment: 'bad signature' }]);
    expect(edited.auth!.header).toMatch(/dkim=fail \(bad signature\) header\.d=sender\.example/);
    const oracle1 = await authenticate(Buffer.from(subjectEdited), { ip: '192.0.2.10', sender: 'alice@sender.example', mta: 'mx.example.jp', resolver, disableBimi: true });
    expect(oracle1.dkim.results[0].status.result).toBe('fail');

    const bodyEdited = signed.replace('Numbers attached.', 'Pay to account 666.');
    expect(await typedRaw(bodyEdited)).toMatch(/^250 /);
    const changed = t.lab.mailbox.list().at(-1)!;
    // RFC 6376 §6.1.3: a body hash mismatch is a failed verification; the library's word is kept beside it.
    expect(changed.auth!.dkim).toMatchObject([{ result: 'fail', libraryResult: 'neutral', comment: 'body hash did not verify' }]);
    expect(changed.auth!.header).toMatch(/dkim=fail \(body hash did not verify; mailauth: neutral\)/);
    const oracle2 = await authenticate(Buffer.from(bodyEdited), { ip: '192.0.2.10', sender: 'alice@sender.example', mta: 'mx.example.jp', resolver, disableBimi: true });
    expect(oracle2.dkim.results[0].status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });

    // The same bytes unchanged still verify.
    expect(await typedRaw(signed)).toMatch(/^250 /);
    expect(t.lab.mailbox.list().at(-1)!.auth!.dkim).toMatchObject([{ result: 'pass' }]);
  });

  it('a DKIM key rollover: signing with the next key before its record is published finds no key; publishing it passes', async () => {
    milters();
    const keys = t.lab.mailDkim;
    const first = await send('alice@sender.example', 'before the rollover');
    expect(first.outcome?.auth?.dkim).toBe('pass');
    expect(t.lab.mailbox.list().at(-1)!.auth!.dkim).toMatchObject([{ selector: 'mail1', result: 'pass' }]);
    keys.use('next');
    try {
      await send('alice@sender.example', 'next key, unpublished');
      const unpublished = t.lab.mailbox.list().at(-1)!.auth!;
      expect(unpublished.dkim).toMatchObject([{ selector: 'mail2', result: 'neutral', comment: 'no key' }]);
      // SPF still passes in alignment, so DMARC passes: DKIM alone was lost.
      expect(unpublished.dmarc?.result).toBe('pass');
      const next = keys.status(() => false).keys.next;
      expect(next.record).toMatch(/^mail2\._domainkey\.sender\.example\. 300 IN TXT "v=DKIM1; k=rsa; p=/);
      const added = t.lab.dnsService!.edit({ op: 'add', zone: 'sender.example', name: next.name, type: 'TXT', value: next.value });
      expect(added.ok, JSON.stringify(added)).toBe(true);
      await send('alice@sender.example', 'next key, published');
      expect(t.lab.mailbox.list().at(-1)!.auth!.dkim).toMatchObject([{ selector: 'mail2', result: 'pass' }]);
    } finally {
      keys.use('current');
      t.lab.dnsService!.edit({ op: 'delete', zone: 'sender.example', name: 'mail2._domainkey.sender.example', type: 'TXT' });
    }
  });

  it('with OpenDKIM alone, checks DKIM only: no SPF, no DMARC, no policy', async () => {
    milters('inet:localhost:8891');
    const reply = await typed('alice@sender.example', 'The CEO <ceo@example.jp>');
    expect(reply).toMatch(/^250 /);
    const stored = t.lab.mailbox.list().at(-1)!;
    expect(stored.auth).toMatchObject({ spf: null, dmarc: null, dkim: [] });
    expect(stored.auth!.header).toBe('Authentication-Results: mx.example.jp;\r\n\tdkim=none');
  });
});

/** The message without the two fields the receiver prepended, as it was on the wire (before parsing). */
function rawAsSent(stored: { headers: [string, string][]; text: string }): Buffer {
  const lines = stored.headers.slice(2).map(([n, v]) => `${n}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${stored.text.replace(/\r?\n/g, '\r\n')}`);
}
