// Lab progress outlives the lab process (a new `smtp-lab serve`, the same data directory), and a
// lab reset puts back everything a learner can change.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabSummary } from '../../../common/labs.ts';
import { startCourse } from '../../../engine/course/start-course.ts';
import { startLab } from '../../../engine/lab/start-lab.ts';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-progress-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function serve(): Promise<{ child: ChildProcess; api: string; token: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--json', '--no-open'], { env: { ...process.env, SMTP_LAB_DATA: dataDir, CI: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const ready = JSON.parse(line) as { url: string; token: string };
  return { child, api: new URL(ready.url).origin, token: ready.token };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  await exited;
}

const call = async <T>(s: { api: string; token: string }, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${s.api}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
};

describe('lab progress', () => {
  it('survives a restart of the lab: a new process finds the step done', { timeout: 60_000 }, async () => {
    const first = await serve();
    try {
      await call(first, '/api/lab/open', { id: '04-starttls-stripping' });
      await call(first, '/api/dns/edit', { op: 'add', name: '_mta-sts.example.jp', type: 'TXT', value: 'v=STSv1; id=20270401000000' });
      const { labs } = await call<{ labs: LabSummary[] }>(first, '/api/labs');
      expect(labs.find((l) => l.id === '04-starttls-stripping')!.done).toBe(1);
    } finally {
      await stop(first.child);
    }
    const second = await serve();
    try {
      const { labs, active } = await call<{ labs: LabSummary[]; active: string | null }>(second, '/api/labs');
      expect(active).toBeNull();
      expect(labs.find((l) => l.id === '04-starttls-stripping')!.done).toBe(1);
      // And a progress reset forgets it, on disk too.
      await call(second, '/api/lab/progress/reset', { id: '04-starttls-stripping' });
    } finally {
      await stop(second.child);
    }
    const third = await serve();
    try {
      const { labs } = await call<{ labs: LabSummary[] }>(third, '/api/labs');
      expect(labs.find((l) => l.id === '04-starttls-stripping')!.done).toBe(0);
    } finally {
      await stop(third.child);
    }
  });
});

describe('lab reset', () => {
  it('puts back the mailbox, the queue, the zones and modes, the policy host, the attacker, main.cf and the receiver key', { timeout: 60_000 }, async () => {
    const lab = await startLab({ dataDir });
    const { course } = await startCourse(lab, { progress: 'memory' });
    const { controls } = course;
    try {
      const zonesAtStart = JSON.stringify(controls.dns.zones());
      const mainCfAtStart = lab.postconf.state().nonDefault;
      // A learner's changes, one of each.
      const sent = lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'before reset', body: 'x', policy: 'opportunistic' });
      if (!sent.ok) throw new Error(sent.message);
      await lab.sender.settled(sent.message.id);
      expect(lab.mailbox.list()).toHaveLength(1);
      expect((await lab.attacker.set('eavesdrop', {})).ok).toBe(true);
      expect(controls.dns.edit({ op: 'delete', zone: '', name: '_mta-sts.example.jp', type: 'TXT' }).ok).toBe(true);
      expect(controls.dns.setMode('example.jp', 'unsigned').ok).toBe(true);
      controls.policyHost.set('example.jp', 'version: STSv1\r\nmode: none\r\nmax_age: 1\r\n', 'not-found');
      expect(lab.postconf.edit(['smtpd_tls_security_level = none']).ok).toBe(true);
      await controls.receiver.apply({ key: 'next' });
      expect(lab.mailbox.list()).toHaveLength(1);

      const result = await course.reset(null);
      expect(result.ok).toBe(true);
      expect(lab.mailbox.list()).toEqual([]);
      expect(lab.sender.outbox()).toEqual([]);
      expect(JSON.stringify(controls.dns.zones())).toBe(zonesAtStart);
      expect(lab.attacker.status().active).toBeNull();
      expect(lab.attacker.status().knowledge.envelopes).toEqual([]);
      expect(lab.postconf.state().nonDefault).toEqual(mainCfAtStart);
      expect(controls.receiver.status().key).toBe('current');
      const policy = controls.policyHost.entries();
      expect(policy.map((e) => [e.domain, e.lesson, e.text.includes('mode: enforce')])).toEqual([['example.jp', null, true]]);

      // Opening a lab resets to its scenario: lab 04 starts without the _mta-sts record.
      const opened = await course.open('04-starttls-stripping');
      expect(opened.ok).toBe(true);
      expect(controls.dns.zones().find((z) => z.origin === 'example.jp')!.records.some((r) => r.startsWith('_mta-sts.example.jp.'))).toBe(false);
      expect(controls.policyHost.entries()[0].text).toContain('mode: testing');
    } finally {
      course.close();
      await lab.close();
    }
  });
});
