// RFC 5321 §4.4: the receiver prepends a Received field to every message it accepts, naming the
// client by its lab address, itself, the protocol (RFC 3848), the TLS session, the queue id, the
// recipient and the date; RFC 8689 §4.1: a REQUIRETLS message is tagged as such. Over real
// loopback sockets, through the lab links the learner's tools and the sending MTA use.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../../common/lab.ts';
import { openTestLab, waitForEvent, type TestLab } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';

let t: TestLab;

beforeAll(async () => {
  t = await openTestLab();
});

afterAll(async () => {
  await t.close();
});

const RFC5322_DATE = /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

async function greet(port: number): Promise<WireClient> {
  const c = await WireClient.connect(port);
  expect(await c.reply()).toMatch(/^220 /);
  return c;
}

/** MAIL, RCPT, DATA, QUIT on an open session; returns the stored message. */
async function deliver(c: WireClient, rcptTo: string[], mailParams = ''): Promise<MailboxMessage> {
  expect(await c.command(`MAIL FROM:<alice@sender.example>${mailParams}`)).toMatch(/^250/);
  for (const rcpt of rcptTo) expect(await c.command(`RCPT TO:<${rcpt}>`)).toMatch(/^250/);
  expect(await c.command('DATA')).toMatch(/^354/);
  c.send('Subject: trace fields\r\nFrom: alice@sender.example\r\n\r\nbody\r\n.\r\n');
  const id = /queued as (m\d+)/.exec(await c.reply())![1];
  await c.command('QUIT');
  return t.lab.mailbox.list().find((m) => m.id === id)!;
}

/** The Received field as stored: first in the header list, unfolded (the tabs of the folds stay). */
function firstHeader(message: MailboxMessage): [string, string] {
  return message.headers[0];
}

describe('receiver: the Received field (RFC 5321 §4.4)', () => {
  it('plaintext EHLO from the terminal: "with ESMTP", the terminal\'s lab address, no TLS clause', async () => {
    const c = await greet(t.port25);
    await c.command('EHLO learner.example');
    const message = await deliver(c, ['bob@example.jp']);
    expect(message.received.split('\r\n\t')).toEqual([
      'Received: from learner.example (unknown [192.0.2.10])',
      `by mx.example.jp (SMTP Lab) with ESMTP id ${message.id}`,
      expect.stringMatching(new RegExp(`^for <bob@example\\.jp>; ${RFC5322_DATE.source}`)),
    ]);
    expect(message.received).not.toContain('127.0.0.1');
    const [name, value] = firstHeader(message);
    expect(name).toBe('Received');
    expect(value.replace(/\t/g, ' ')).toBe(message.received.slice('Received: '.length).replace(/\r\n\t/g, ' '));
    expect(message.headers.slice(1).map(([n]) => n)).toEqual(['Subject', 'From']);
    expect(message.requireTls).toBe(false);
  });

  it('after STARTTLS: "with ESMTPS" and the TLS version and cipher, Postfix style', async () => {
    const c = await greet(t.port25);
    await c.command('EHLO learner.example');
    const secure = await c.starttls(t.lab.caCertPem);
    await c.command('EHLO learner.example');
    const message = await deliver(c, ['bob@example.jp']);
    const cipher = secure.getCipher().standardName;
    expect(secure.getProtocol()).toBe('TLSv1.3');
    const lines = message.received.split('\r\n\t');
    expect(lines.slice(0, 4)).toEqual([
      'Received: from learner.example (unknown [192.0.2.10])',
      expect.stringMatching(new RegExp(`^\\(using TLSv1\\.3 with cipher ${cipher} \\((256|128)/(256|128) bits\\)\\)$`)),
      '(No client certificate requested)',
      `by mx.example.jp (SMTP Lab) with ESMTPS id ${message.id}`,
    ]);
  });

  it('HELO: "with SMTP"', async () => {
    const c = await greet(t.port25);
    expect(await c.command('HELO old.example')).toMatch(/^250 /);
    const message = await deliver(c, ['bob@example.jp']);
    expect(message.received).toMatch(/^Received: from old\.example \(unknown \[192\.0\.2\.10\]\)\r\n\tby mx\.example\.jp \(SMTP Lab\) with SMTP id m\d+\r\n\tfor <bob@example\.jp>; /);
  });

  it('submission with STARTTLS and AUTH: "with ESMTPSA"', async () => {
    const c = await greet(t.port587);
    await c.command('EHLO learner.example');
    await c.starttls(t.lab.caCertPem);
    await c.command('EHLO learner.example');
    expect(await c.command('AUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk')).toMatch(/^235/);
    const message = await deliver(c, ['friend@elsewhere.example']);
    expect(message.received).toContain(`with ESMTPSA id ${message.id}\r\n\tfor <friend@elsewhere.example>; `);
  });

  it('several recipients: no "for" clause, the date after the id', async () => {
    const c = await greet(t.port25);
    await c.command('EHLO learner.example');
    const message = await deliver(c, ['bob@example.jp', 'carol@example.jp']);
    expect(message.received).not.toContain('for <');
    expect(message.received).toMatch(new RegExp(`with ESMTP id ${message.id};\\r\\n\\t${RFC5322_DATE.source}`));
  });

  it('from the sending MTA: names mail.sender.example by its lab address', async () => {
    const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'from the sender', body: 'hello', policy: 'opportunistic' });
    if (!submitted.ok) throw new Error(submitted.message);
    const sent = await t.lab.sender.settled(submitted.message.id);
    expect(sent.state).toBe('delivered');
    const message = t.lab.mailbox.list().find((m) => m.subject === 'from the sender')!;
    expect(message.received).toMatch(/^Received: from mail\.sender\.example \(mail\.sender\.example \[198\.51\.100\.25\]\)\r\n\t\(using TLSv1\.3 /);
    expect(message.received).toContain(`with ESMTPS id ${message.id}\r\n\tfor <bob@example.jp>; `);
  });
});

describe('receiver: the REQUIRETLS tag (RFC 8689 §4.1)', () => {
  it('keeps MAIL FROM ... REQUIRETLS on the stored message and in the trace', async () => {
    const c = await greet(t.port25);
    await c.command('EHLO learner.example');
    await c.starttls(t.lab.caCertPem);
    expect(await c.command('EHLO learner.example')).toMatch(/250-REQUIRETLS|250 REQUIRETLS/);
    const message = await deliver(c, ['bob@example.jp'], ' REQUIRETLS');
    expect(message.requireTls).toBe(true);
    expect(message.received).toContain('with ESMTPS');
    const stored = await waitForEvent(t.lab, (e) => e.layer === 'mailbox' && e.detail?.id === message.id);
    expect(stored.detail).toMatchObject({ requireTls: true, received: message.received });
    expect(stored.summary).toMatch(/, REQUIRETLS\)$/);
  });
});

describe('the impostor reuses the receiver: its Received field names its own host', () => {
  it('"by mail.attacker.example", from the sender it lured', async () => {
    const set = await t.lab.attacker.set('impostor', { 'spoof-mx': 'on' });
    if (!set.ok) throw new Error(set.message);
    try {
      const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'lured', body: 'to the impostor', policy: 'opportunistic' });
      if (!submitted.ok) throw new Error(submitted.message);
      expect((await t.lab.sender.settled(submitted.message.id)).attempts.at(-1)?.mxHost).toBe('mail.attacker.example');
      const read = t.lab.attacker.status().knowledge.messages.find((m) => m.subject === 'lured')!;
      const [name, value] = read.headers[0];
      expect(name).toBe('Received');
      expect(value).toMatch(/^from mail\.sender\.example \(mail\.sender\.example \[198\.51\.100\.25\]\)\t\(using TLSv1\.3 /);
      expect(value).toMatch(/\tby mail\.attacker\.example \(SMTP Lab\) with ESMTPS id m\d+\tfor <bob@example\.jp>; /);
      expect(t.lab.mailbox.list().some((m) => m.subject === 'lured')).toBe(false);
    } finally {
      await t.lab.attacker.off();
    }
  });
});

describe.skipIf(!existsSync('/usr/bin/swaks'))('a real client: swaks with STARTTLS against the learner\'s port', () => {
  it('gets "with ESMTPS" and its own EHLO name in the Received field', async () => {
    const { stdout } = await promisify(execFile)('/usr/bin/swaks', [
      '--server', `127.0.0.1:${t.port25}`, '--tls', '--ehlo', 'swaks.learner.example',
      '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--header', 'Subject: via swaks', '--body', 'hello',
    ], { timeout: 15000 });
    const id = /queued as (m\d+)/.exec(stdout)![1];
    const message = t.lab.mailbox.list().find((m) => m.id === id)!;
    expect(message.received).toMatch(/^Received: from swaks\.learner\.example \(unknown \[192\.0\.2\.10\]\)\r\n\t\(using TLSv1\.[23] with cipher /);
    expect(message.received).toContain(`with ESMTPS id ${id}\r\n\tfor <bob@example.jp>; `);
    expect(message.headers[0][0]).toBe('Received');
  });
});
