// Every lab in labs/ loads cleanly and its own solution, replayed through a real lab terminal, the
// `lab` commands and the UI's edit messages, ticks every step. A step check is also tried against a
// run that must not pass it: a key rollover done in the wrong order, a broken zone taken for an attack.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../../engine/cli/lab-server.ts';
import type { Course } from '../../../engine/course/course.ts';
import { LAB_DIR_NAME, LABS_DIR, loadLabs } from '../../../engine/course/lab-files.ts';
import { solveLab } from '../../../engine/course/solve.ts';
import { startCourse } from '../../../engine/course/start-course.ts';
import { startLab, type StartedLab } from '../../../engine/lab/start-lab.ts';
import { installLearnerTools } from '../../../engine/cli/learner-tools.ts';
import { dkimStatus } from '../../../engine/api/dkim-api.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-labs-'));
// Every lab folder with a lab.yaml: a new lab is solved here without being listed.
const LAB_IDS = readdirSync(LABS_DIR).filter((name) => LAB_DIR_NAME.test(name) && existsSync(join(LABS_DIR, name, 'lab.yaml'))).sort();

interface Running {
  lab: StartedLab;
  course: Course;
  server: LabServer;
  runFile: string;
  close(): Promise<void>;
}

async function running(name: string): Promise<Running> {
  const lab = await startLab({ dataDir });
  const { course } = await startCourse(lab, { progress: 'memory' });
  const runFile = join(dataDir, 'runs', `test-${name}.json`);
  const server = await startLabServer({ lab, course, runFile });
  return {
    lab,
    course,
    server,
    runFile,
    async close() {
      course.close();
      await server.close();
      await lab.close();
    },
  };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('labs/', () => {
  it('every lab loads: schema, lessons in both languages, its scenario', async () => {
    const { labs, problems } = await loadLabs();
    expect(problems).toEqual([]);
    expect(labs.map((l) => l.id)).toEqual(expect.arrayContaining(['01-smtp-by-hand', '02-eavesdropping', '03-starttls', '04-starttls-stripping', '05-tls-downgrade', '06-mta-sts', '07-mta-sts-limits', '08-dnssec', '09-dane', '10-requiretls', '11-summary']));
    for (const lab of labs) {
      expect(lab.lesson.ja.length).toBeGreaterThan(500);
      expect(lab.lesson.en.length).toBeGreaterThan(500);
      expect(lab.definition.quiz.length).toBeGreaterThanOrEqual(2);
    }
  });

  for (const id of LAB_IDS) {
    it.runIf(process.platform !== 'win32')(`lab solve ${id}: every step done`, { timeout: 120_000 }, async () => {
      const r = await running(id);
      try {
        const report = await solveLab(r.course, id, { toolsDir: installLearnerTools(dataDir), runFile: r.runFile });
        expect(report.error).toBeUndefined();
        expect(report.steps.filter((s) => !s.done).map((s) => s.id)).toEqual([]);
        expect(report.steps.length).toBeGreaterThan(3);
      } finally {
        await r.close();
      }
    });
  }
});

describe('a step check against a run that must not pass it', () => {
  let r: Running;
  beforeAll(async () => {
    r = await running('wrong-order');
  });
  afterAll(async () => r.close());

  it('09-dane: switching the key before its TLSA is published ticks neither switch-key nor after-rollover', { timeout: 60_000 }, async () => {
    const opened = await r.course.open('09-dane');
    expect(opened.ok).toBe(true);
    const { receiver, dns } = r.course.controls;
    const spki = receiver.status().spki;
    expect(dns.edit({ op: 'add', zone: '', name: '_25._tcp.mx.example.jp', type: 'TLSA', value: `3 1 1 ${spki.current}` }).ok).toBe(true);
    // The wrong order: the server's key first.
    await receiver.apply({ key: 'next' });
    const submitted = r.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'After a careless rollover', body: 'x', policy: 'dane' });
    if (!submitted.ok) throw new Error(submitted.message);
    const message = await r.lab.sender.settled(submitted.message.id);
    expect(message.outcome?.delivered).toBe(false);
    expect(message.outcome?.stoppedBy).toBe('RFC 7672 §3');
    const steps = Object.fromEntries(r.course.state('09-dane')!.steps.map((s) => [s.id, s.done]));
    expect(steps['publish-tlsa']).toBe(true);
    expect(steps['switch-key']).toBe(false);
    expect(steps['after-rollover']).toBe(false);
    // Publishing the next key now is not "step 1 of a rollover": the server already uses it.
    expect(dns.edit({ op: 'add', zone: '', name: '_25._tcp.mx.example.jp', type: 'TLSA', value: `3 1 1 ${spki.next}` }).ok).toBe(true);
    expect(r.course.state('09-dane')!.steps.find((s) => s.id === 'publish-next')!.done).toBe(false);
  });

  it('04-starttls-stripping: a plaintext delivery under the default strip is not the refuse-454 variant', { timeout: 60_000 }, async () => {
    const opened = await r.course.open('04-starttls-stripping');
    expect(opened.ok).toBe(true);
    const done = () => Object.fromEntries(r.course.state('04-starttls-stripping')!.steps.map((s) => [s.id, s.done]));
    const sendOpportunistic = async () => {
      const submitted = r.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Quarterly numbers', body: 'x', policy: 'opportunistic' });
      if (!submitted.ok) throw new Error(submitted.message);
      const message = await r.lab.sender.settled(submitted.message.id);
      expect(message.outcome?.attackerRead).toBe(true);
    };
    expect((await r.lab.attacker.set('strip-starttls', {})).ok).toBe(true);
    await sendOpportunistic();
    expect(done()['read-in-plaintext']).toBe(true);
    expect(done()['read-after-454']).toBe(false);
    // The same delivery under the variant the step names does tick it.
    expect((await r.lab.attacker.set('strip-starttls', { mode: 'refuse-454' })).ok).toBe(true);
    await sendOpportunistic();
    expect(done()['read-after-454']).toBe(true);
    expect(done()['refused-454']).toBe(false);
    await r.lab.attacker.off();
  });

  it('13-dkim: signing with mail2 before its record exists is not the switch; removing mail1 while it signs is not retiring it', { timeout: 60_000 }, async () => {
    const opened = await r.course.open('13-dkim');
    expect(opened.ok).toBe(true);
    const { controls } = r.course;
    const done = () => Object.fromEntries(r.course.state('13-dkim')!.steps.map((s) => [s.id, s.done]));
    // The wrong order: the signer first.
    dkimStatus(controls, 'next');
    const submitted = r.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Too early', body: 'x' });
    if (!submitted.ok) throw new Error(submitted.message);
    await r.lab.sender.settled(submitted.message.id);
    expect(r.lab.receiver.mailbox.list().at(-1)?.auth?.header).toMatch(/dkim=neutral \(no key\) header\.d=sender\.example header\.s=mail2/);
    expect(done()['wrong-order']).toBe(true);
    expect(done()['switch-key']).toBe(false);
    expect(done()['after-switch']).toBe(false);
    // Back to mail1; publish mail2, then remove mail1's record while mail1 still signs.
    const keys = dkimStatus(controls, 'current').keys;
    expect(controls.dns.edit({ op: 'add', zone: '', name: keys.next.name, type: 'TXT', value: keys.next.value }).ok).toBe(true);
    expect(done()['publish-next']).toBe(true);
    expect(controls.dns.edit({ op: 'delete', zone: '', name: keys.current.name, type: 'TXT' }).ok).toBe(true);
    expect(done()['retire-old']).toBe(false);
  });

  it('08-dnssec: a broken signature with nobody on the path is not the spoofing; an unsigned zone is not missing-ds', { timeout: 60_000 }, async () => {
    const opened = await r.course.open('08-dnssec');
    expect(opened.ok).toBe(true);
    const { dns } = r.course.controls;
    const done = () => Object.fromEntries(r.course.state('08-dnssec')!.steps.map((s) => [s.id, s.done]));
    const lookUp = async () => (await dns.query('example.jp', 'MX', { validate: true, client: 'terminal' })).answer.status;
    expect(dns.setMode('example.jp', 'bad-signature').ok).toBe(true);
    expect(await lookUp()).toBe('bogus');
    expect(done()['spoof-bogus']).toBe(false);
    expect(done()['bad-signature']).toBe(true);
    // Unsigned: insecure as well, but without the RRSIGs that make missing-ds the lesson.
    expect(dns.setMode('example.jp', 'unsigned').ok).toBe(true);
    expect(await lookUp()).toBe('insecure');
    expect(done()['missing-ds-insecure']).toBe(false);
    expect(dns.setMode('example.jp', 'missing-ds').ok).toBe(true);
    expect(await lookUp()).toBe('insecure');
    expect(done()['missing-ds-insecure']).toBe(true);
    // jp's signed denial of the DS is secure too, but it is not "the DS record in jp".
    const ds = async () => (await dns.query('example.jp', 'DS', { validate: true, client: 'terminal' })).answer;
    const denied = await ds();
    expect([denied.status, denied.records]).toEqual(['secure', []]);
    expect(done()['ds-in-parent']).toBe(false);
    expect(dns.setMode('example.jp', 'signed').ok).toBe(true);
    expect((await ds()).records).toHaveLength(1);
    expect(done()['ds-in-parent']).toBe(true);
  });
});
