// Issue 18: floods of large messages to port 25 (no token needed) must not take the lab down.
// The mailbox and the trace are bounded by bytes, snapshots come in pages, and the process stays
// under 1 GB whatever arrives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../../common/lab.ts';
import type { ServerMessage } from '../../../common/protocol.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { serveLab, type ServedLab } from '../../support/serve-lab.ts';
import { rssOf, sendLarge } from '../../support/smtp-flood.ts';

const MESSAGE = 9.5 * 1024 * 1024;
const GB = 1024 * 1024 * 1024;
const labs: ServedLab[] = [];
afterAll(async () => {
  await Promise.all(labs.map((lab) => lab.stop()));
});

describe.skipIf(process.platform !== 'linux')('a flood of 9.5 MB messages to port 25', () => {
  it('keeps the lab alive and under 1 GB, with paged snapshots and a note for what was dropped', async () => {
    const lab = await serveLab([], mkdtempSync(join(tmpdir(), 'smtp-lab-flood-')));
    labs.push(lab);
    const port = lab.hosts['mx.example.jp'].ports['25'];
    let peak = 0;
    const sampler = setInterval(() => void rssOf(lab.process.pid!).then((rss) => (peak = Math.max(peak, rss)), () => {}), 100);
    try {
      // The flood: 58 messages one after another...
      for (let i = 0; i < 58; i++) expect(await sendLarge(port, MESSAGE, `flood ${i}`)).toMatch(/^250 /);
      // ...then 24 at once: past the receiver's in-flight budget a message gets a temporary 452.
      const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => sendLarge(port, MESSAGE, `burst ${i}`)));
      for (const reply of replies) expect(reply).toMatch(/^(250 |452 4\.3\.1 )/);
    } finally {
      clearInterval(sampler);
    }
    expect(lab.process.exitCode).toBeNull();
    expect(peak).toBeLessThan(GB);

    const origin = new URL(lab.url).origin;
    const get = (path: string) => fetch(`${origin}${path}`, { headers: { Authorization: `Bearer ${lab.token}` } });
    const mailbox = await get('/api/mailbox');
    expect(mailbox.status).toBe(200);
    const mailboxText = await mailbox.text();
    expect(mailboxText.length).toBeLessThan(32 * 1024 * 1024);
    const page = JSON.parse(mailboxText) as MailboxMessage[];
    expect(page.length).toBeGreaterThan(0);
    expect(Number(mailbox.headers.get('x-smtp-lab-dropped'))).toBeGreaterThan(0);
    const older = Number(mailbox.headers.get('x-smtp-lab-older'));
    if (older > 0) {
      const before = (JSON.parse(await (await get(`/api/mailbox?before=${page[0].id}`)).text()) as MailboxMessage[]).at(-1)!;
      expect(Number(before.id.slice(1))).toBeLessThan(Number(page[0].id.slice(1)));
    }

    const trace = await get('/api/trace');
    expect(trace.status).toBe(200);
    const traceText = await trace.text();
    expect(traceText.length).toBeLessThan(32 * 1024 * 1024);
    expect((JSON.parse(traceText) as TraceEvent[]).length).toBeGreaterThan(0);

    // The welcome every page load gets: one page of each, with what is older and what went.
    const welcome = await new Promise<{ text: string; message: ServerMessage }>((resolve, reject) => {
      const ws = new WebSocket(`${lab.ws}?token=${lab.token}`, { headers: { Origin: origin }, maxPayload: 256 * 1024 * 1024 });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello' })));
      ws.once('message', (data) => {
        const text = data.toString();
        resolve({ text, message: JSON.parse(text) });
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(welcome.text.length).toBeLessThan(48 * 1024 * 1024);
    const hello = welcome.message as Extract<ServerMessage, { type: 'welcome' }>;
    expect(hello.type).toBe('welcome');
    expect(hello.mailboxDropped).toBeGreaterThan(0);
    expect(hello.mailbox.length).toBeGreaterThan(0);

    // Nothing went without a word: the receiver noted every message it let go.
    const notes: TraceEvent[] = [];
    let cursor = '';
    for (;;) {
      const response = await get(`/api/trace${cursor}`);
      const events = (await response.json()) as TraceEvent[];
      notes.push(...events.filter((e) => e.detail?.kind === 'mailbox-dropped'));
      if (events.length === 0 || Number(response.headers.get('x-smtp-lab-older')) === 0) break;
      cursor = `?before=${events[0].seq}`;
    }
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0].summary).toMatch(/^Mailbox full: dropped the oldest/);
  }, 180_000);
});
