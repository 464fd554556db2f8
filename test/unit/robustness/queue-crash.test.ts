// Issue 18: "no message is ever dropped silently", even across kill -9. The sender's queue is on
// disk (a file per message, written atomically and fsynced); the next lab takes it up.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../../common/lab.ts';
import type { OutboundMessage } from '../../../common/sender.ts';
import { serveLab, type ServedLab } from '../../support/serve-lab.ts';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '../../..');
const labs: ServedLab[] = [];
afterAll(async () => {
  await Promise.all(labs.map((lab) => lab.stop()));
}, 20_000);

const api = (lab: ServedLab) => async <T>(path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${new URL(lab.url).origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json', Origin: new URL(lab.url).origin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

const mailq = async (dataDir: string, args: string[] = []) =>
  (await run(process.execPath, [join(repoRoot, 'bin/smtp-lab.js'), 'mailq', ...args], { env: { ...process.env, SMTP_LAB_DATA: dataDir } })).stdout;

describe('the sender queue across kill -9', () => {
  it('keeps a deferred message on disk, lists it with mailq, and delivers it with a notice after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-queue-'));
    const first = await serveLab([], dataDir);
    labs.push(first);
    const call = api(first);
    // STARTTLS stripped on the way, MTA-STS enforce: the message is deferred (RFC 8461 §5).
    await call('/api/attack', { name: 'strip-starttls', params: {} });
    const sent = await call<{ message: OutboundMessage }>('/api/send', {
      request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'survives kill -9', body: 'still here', policy: 'mta-sts' },
    });
    expect(sent.message.state).toBe('deferred');
    const id = sent.message.id;

    const listed = await mailq(dataDir);
    expect(listed).toMatch(/^-Queue ID- {2}--Size-- ----Arrival Time---- -Sender\/Recipient-------$/m);
    expect(listed).toMatch(new RegExp(`^${id} +\\d+ +\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d alice@sender\\.example$`, 'm'));
    expect(listed).toMatch(/^\(.*STARTTLS.*\)$/m);
    expect(listed).toMatch(/^ {41}bob@example\.jp$/m);
    expect(listed).toMatch(/^-- \d+ Kbytes in 1 Request\.$/m);
    const json = JSON.parse(await mailq(dataDir, ['--json'])) as { queue_id: string; queue_name: string; recipients: { address: string }[] }[];
    expect(json).toMatchObject([{ queue_id: id, queue_name: 'deferred', recipients: [{ address: 'bob@example.jp' }] }]);

    const ownDir = join(dataDir, 'queue', readdirSync(join(dataDir, 'queue')).find((name) => name.startsWith(`${first.process.pid}-`))!);
    expect(existsSync(join(ownDir, `${id}.json`))).toBe(true);

    labs.splice(labs.indexOf(first), 1);
    first.process.kill('SIGKILL');
    await new Promise((done) => first.process.once('exit', done));

    const second = await serveLab([], dataDir);
    labs.push(second);
    const call2 = api(second);
    let resumed: OutboundMessage | undefined;
    for (let i = 0; i < 100 && resumed?.state !== 'delivered'; i++) {
      await new Promise((done) => setTimeout(done, 100));
      resumed = (await call2<OutboundMessage[]>('/api/outbox')).find((m) => m.id === id);
    }
    expect(resumed).toMatchObject({ state: 'delivered', messageId: sent.message.messageId });
    expect(resumed!.resumedAt).toBeTruthy();
    expect(resumed!.notice!.text).toMatch(/taken up again from the queue/);
    expect(resumed!.attempts.length).toBeGreaterThan(sent.message.attempts.length);
    const mailbox = await call2<MailboxMessage[]>('/api/mailbox');
    expect(mailbox.map((m) => m.subject)).toContain('survives kill -9');
    // The dead lab's folder was adopted, and the delivered message left the queue.
    expect(existsSync(ownDir)).toBe(false);
    expect(await mailq(dataDir)).toBe('Mail queue is empty\n');
  }, 90_000);
});
