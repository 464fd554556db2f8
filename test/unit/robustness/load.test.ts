// Issue 18, load: 50 learners typing SMTP by hand and 1,000 messages queued at the sending MTA, all
// at once, all through the on-path attacker's proxy (eavesdrop). Every message is accounted for:
// delivered, deferred or bounced, none lost, none delivered twice; and it all ends in bounded time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../../common/lab.ts';
import type { OutboundMessage } from '../../../common/sender.ts';
import { startLab, type StartedLab } from '../../../engine/lab/start-lab.ts';
import { WireClient } from '../nodes/wire-client.ts';

const SESSIONS = 50;
const QUEUED = 1000;
/** The whole run, sessions and queue together, must end within this. */
const BOUND_MS = 180_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One learner: a line at a time with a pause as if typed, STARTTLS for every other one. */
async function typeOneMessage(port: number, caCertPem: string, n: number): Promise<string> {
  const c = await WireClient.connect(port);
  const say = async (line: string, expected: RegExp) => {
    await pause(5 + (n % 7) * 3);
    const reply = await c.command(line);
    if (!expected.test(reply)) throw new Error(`session ${n}: ${line} -> ${reply}`);
  };
  try {
    expect(await c.reply(30_000)).toMatch(/^220 /);
    await say(`EHLO learner${n}.example`, /^250/);
    if (n % 2 === 1) {
      await c.starttls(caCertPem);
      await say(`EHLO learner${n}.example`, /^250/);
    }
    await say(`MAIL FROM:<learner${n}@sender.example>`, /^250/);
    await say('RCPT TO:<bob@example.jp>', /^250/);
    await say('DATA', /^354/);
    await pause(5);
    const reply = await c.command(`Subject: typed ${n}\r\nMessage-ID: <typed-${n}@sender.example>\r\n\r\nTyped by hand, number ${n}.\r\n.`);
    await say('QUIT', /^221/).catch(() => {});
    return reply;
  } finally {
    c.destroy();
  }
}

describe('load: 50 hand-typed sessions and 1,000 queued messages through the eavesdropping attacker', () => {
  let lab: StartedLab;
  const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-load-'));
  const arrivals = new Map<string, number>();
  beforeAll(async () => {
    // The mailbox keeps every message of the run, so each one can be found in it.
    lab = await startLab({ dataDir, receiver: { mailbox: { maxMessages: 4 * (SESSIONS + QUEUED) } } });
    lab.mailbox.subscribe((message: MailboxMessage) => {
      const subject = message.headers.find(([name]) => name.toLowerCase() === 'subject')?.[1] ?? '';
      arrivals.set(subject, (arrivals.get(subject) ?? 0) + 1);
    });
    const on = await lab.attacker!.set('eavesdrop', {});
    expect(on.ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accounts for every message, none lost or duplicated, in bounded time', { timeout: BOUND_MS + 60_000 }, async () => {
    const port = lab.hosts().find((h) => h.name === 'mx.example.jp')!.ports['25'];
    const start = performance.now();
    const queued: string[] = [];
    for (let i = 0; i < QUEUED; i++) {
      const submitted = lab.sender!.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: `queued ${i}`, body: `Queued message ${i}.\n` });
      if (!submitted.ok) throw new Error(submitted.message);
      queued.push(submitted.message.id);
    }
    const [typed, settled] = await Promise.all([
      Promise.allSettled(Array.from({ length: SESSIONS }, (_, n) => typeOneMessage(port, lab.caCertPem, n))),
      Promise.all(queued.map((id) => lab.sender!.settled(id))),
    ]);
    const elapsed = performance.now() - start;

    // Every learner's message was accepted once.
    const typedFailures = typed.flatMap((r, n) => (r.status === 'rejected' ? [`${n}: ${String(r.reason)}`] : r.value.startsWith('250') ? [] : [`${n}: ${r.value}`]));
    expect(typedFailures).toEqual([]);
    for (let n = 0; n < SESSIONS; n++) expect(arrivals.get(`typed ${n}`), `typed ${n}`).toBe(1);

    // Every queued message ended delivered, deferred or bounced, once each.
    expect(new Set(settled.map((m: OutboundMessage) => m.id)).size).toBe(QUEUED);
    const states = new Map<string, number>();
    for (const m of settled) states.set(m.state, (states.get(m.state) ?? 0) + 1);
    expect([...states.keys()].every((s) => ['delivered', 'deferred', 'bounced'].includes(s))).toBe(true);
    // Nothing in the lab stands between the sender and mx.example.jp but the eavesdropper: a burst
    // must not make the sender trip over its own feet (its DNS answers timing out, say).
    expect(states.get('delivered')).toBe(QUEUED);
    for (let i = 0; i < QUEUED; i++) {
      const seen = arrivals.get(`queued ${i}`) ?? 0;
      if (settled[i].state === 'delivered') expect(seen, `queued ${i}`).toBe(1);
      else expect(seen, `queued ${i} (${settled[i].state})`).toBe(0);
    }
    expect([...arrivals.values()].every((count) => count === 1)).toBe(true);

    // The attacker was on the path: it read the learners' plaintext sessions.
    const read = new Set(lab.attacker!.status().knowledge.messages.map((m) => m.subject));
    for (let n = 0; n < SESSIONS; n += 2) expect(read.has(`typed ${n}`), `typed ${n} read by the eavesdropper`).toBe(true);

    expect(elapsed).toBeLessThan(BOUND_MS);
    console.log(`load: ${SESSIONS} typed sessions + ${QUEUED} queued in ${(elapsed / 1000).toFixed(1)} s; queued: ${JSON.stringify(Object.fromEntries(states))}`);
  });
});
