// Real SMTP through the attacker to the lab's receiver: a 25 MB message, and commands
// pipelined in one packet (RFC 2920), arrive as they were sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireClient } from '../nodes/wire-client.ts';
import { deliver, knowledgeWhen, message, openAttackLab, plaintextOnly, type AttackLab } from './attack-fixture.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab({ receiver: { sizeLimit: 30 * 1024 * 1024 } });
});

afterAll(async () => t.close());

/** 25 MB of text lines, some starting with a dot (dot-stuffed on the wire). */
function bigBody(): string {
  const line = `${'x'.repeat(70)}\r\n.${'y'.repeat(69)}\r\n`;
  return line.repeat(Math.ceil((25 * 1024 * 1024) / line.length));
}

describe('large and pipelined', () => {
  it('a 25 MB message through strip-starttls arrives whole; the attacker read it', async () => {
    await t.attack('strip-starttls');
    const body = bigBody();
    const before = t.lab.mailbox.list().length;
    const { result } = await deliver(t.port25, plaintextOnly, { caPem: t.lab.caCertPem, body: message('Big one', body) });
    expect(result.recipients[0].outcome).toBe('delivered');
    const stored = t.lab.mailbox.list()[before];
    expect(stored.size).toBeGreaterThan(25 * 1024 * 1024);
    expect(stored.text.length).toBe(body.replace(/\r\n/g, '\n').length);
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.messages.length > 0, 10_000);
    expect(status.knowledge.messages[0].subject).toBe('Big one');
    expect(status.knowledge.plaintextBytes).toBeGreaterThan(25 * 1024 * 1024);
  }, 30_000);

  for (const name of ['strip-starttls', 'starttls-injection'] as const) {
    it(`${name}: commands pipelined in one packet are answered in order`, async () => {
      await t.attack(name);
      const c = await WireClient.connect(t.port25);
      await c.reply();
      c.send('EHLO learner.example\r\nMAIL FROM:<alice@sender.example>\r\nRCPT TO:<bob@example.jp>\r\nRCPT TO:<carol@example.jp>\r\nDATA\r\n');
      expect(await c.reply()).toMatch(/^250-/);
      expect(await c.reply()).toMatch(/^250 /);
      expect(await c.reply()).toMatch(/^250 /);
      expect(await c.reply()).toMatch(/^250 /);
      expect(await c.reply()).toMatch(/^354 /);
      const before = t.lab.mailbox.list().length;
      expect(await c.command('Subject: pipelined\r\n\r\nhello\r\n.')).toMatch(/^250 /);
      expect(t.lab.mailbox.list()[before].envelope.rcptTo).toEqual(['bob@example.jp', 'carol@example.jp']);
      c.destroy();
    });
  }
});
