// The trusted ARC sealers of mx.example.jp's local policy (RFC 8617 §7.2), as the learner sets them
// with `lab arc trust|untrust` and a scenario with receiver.trustedArcSealers: a list message that
// failed DMARC is accepted only while its sealer is trusted, the trust survives a main.cf change,
// a change is a trace note, and a lab reset forgets it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arcTrust } from '../../../../engine/api/arc-api.ts';
import { startLabServer, type LabServer } from '../../../../engine/cli/lab-server.ts';
import type { Course } from '../../../../engine/course/course.ts';
import { startCourse } from '../../../../engine/course/start-course.ts';
import { startLab, type StartedLab } from '../../../../engine/lab/start-lab.ts';
import { ALL_LAB_MILTERS } from '../../../../engine/postconf/milters.ts';
import { applyScenario } from '../../../../engine/scenario/apply-scenario.ts';
import type { LabControls } from '../../../../engine/scenario/lab-controls.ts';
import { scenarioSchema } from '../../../../engine/scenario/scenario-schema.ts';

const cli = resolve(import.meta.dirname, '../../../../bin/smtp-lab.js');
const exec = promisify(execFile);

let dataDir: string;
let lab: StartedLab;
let controls: LabControls;
let server: LabServer;
let course: Course;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-arc-trust-'));
  lab = await startLab({ dataDir });
  ({ course } = await startCourse(lab, { progress: 'memory' }));
  controls = course.controls;
  server = await startLabServer({ lab, course });
}, 60_000);
afterAll(async () => {
  course.close();
  await server.close();
  await lab.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function setUp(): Promise<void> {
  await controls.reset();
  expect(controls.postconf()!.edit([`smtpd_milters = ${ALL_LAB_MILTERS}`]).ok).toBe(true);
  expect(controls.dns.edit({ op: 'replace', zone: '', name: '_dmarc.sender.example', type: 'TXT', value: '"v=DMARC1; p=reject"' }).ok).toBe(true);
  expect((await lab.attacker.set('mailing-list', { arc: 'on' })).ok).toBe(true);
}
beforeEach(setUp);

/** One message from alice@sender.example through the list; the receiver's verdict on it. */
async function throughTheList() {
  const submitted = lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Minutes', body: 'The board met.', policy: 'opportunistic' });
  if (!submitted.ok) throw new Error(submitted.message);
  const settled = await lab.sender.settled(submitted.message.id);
  const verdict = [...lab.trace.all()].reverse().find((e) => e.detail?.kind === 'sender-auth');
  return { outcome: settled.outcome!, verdict: verdict!.detail as Record<string, unknown> };
}

const lab_ = (...args: string[]) => exec(process.execPath, [cli, 'lab', ...args], { env: { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: server.runFile, SMTP_LAB_LANG: 'en', LANG: 'C' } });

describe('trusted ARC sealers', () => {
  it('no sealer is trusted at the start: a valid seal changes nothing, p=reject refuses the list message', async () => {
    expect(controls.receiver.arcTrust()).toEqual({ trustedSealers: [], arcChecked: true, dmarcApplied: true });
    const { outcome, verdict } = await throughTheList();
    expect(outcome).toMatchObject({ folder: 'rejected', auth: { dkim: 'fail', arc: 'pass', dmarc: 'fail' } });
    expect(verdict).toMatchObject({ action: 'reject', override: null });
  }, 30_000);

  it('lab arc trust: the sealer vouches, the DMARC failure is overridden (mailing_list), the change is a trace note; a main.cf change keeps it', async () => {
    const { stdout } = await lab_('arc', 'trust', 'Attacker.Example.');
    expect(stdout).toContain('mx.example.jp trusts these ARC sealers (d= of the newest ARC-Seal): attacker.example');
    const note = [...lab.trace.all()].reverse().find((e) => e.detail?.kind === 'arc-trust');
    expect(note).toMatchObject({ layer: 'note', rule: 'RFC 8617 §7.2', detail: { sealers: ['attacker.example'] } });
    let { outcome, verdict } = await throughTheList();
    expect(outcome).toMatchObject({ folder: 'inbox', auth: { arc: 'pass', dmarc: 'fail' } });
    expect(verdict).toMatchObject({ action: 'accept', override: 'mailing_list' });

    // main.cf re-applies the receiver's milters; the filters' trust list is their own configuration.
    expect(controls.postconf()!.edit([`smtpd_milters = inet:localhost:8894, inet:localhost:8891, inet:localhost:8893`]).ok).toBe(true);
    ({ outcome } = await throughTheList());
    expect(outcome.folder).toBe('inbox');

    // Without OpenARC the chain is not validated: nothing vouches, and `lab arc` says why.
    expect(controls.postconf()!.edit([`smtpd_milters = inet:localhost:8891, inet:localhost:8893`]).ok).toBe(true);
    ({ outcome, verdict } = await throughTheList());
    expect(outcome.folder).toBe('rejected');
    expect((await lab_('arc')).stdout).toContain('OpenARC (inet:localhost:8894) is not in smtpd_milters');
  }, 60_000);

  it('lab arc untrust: the same seal no longer vouches', async () => {
    await lab_('arc', 'trust', 'attacker.example', 'lists.example');
    expect(JSON.parse((await lab_('arc', '--json')).stdout).trustedSealers).toEqual(['attacker.example', 'lists.example']);
    await lab_('arc', 'untrust', 'attacker.example');
    expect(controls.receiver.arcTrust().trustedSealers).toEqual(['lists.example']);
    const { verdict } = await throughTheList();
    expect(verdict).toMatchObject({ action: 'reject', results: { arc: 'pass' } });
    await lab_('arc', 'untrust', '--all');
    expect(controls.receiver.arcTrust().trustedSealers).toEqual([]);
  }, 60_000);

  it('a lab reset forgets the trust; a scenario sets it with receiver.trustedArcSealers', async () => {
    await arcTrust(controls, { trust: ['attacker.example'] });
    await setUp();
    expect(controls.receiver.arcTrust().trustedSealers).toEqual([]);
    const scenario = scenarioSchema.parse({ title: { en: 't', ja: 't' }, receiver: { trustedArcSealers: ['attacker.example'] }, expect: {} });
    expect(await applyScenario(controls, scenario)).toEqual({ ok: true });
    expect(controls.receiver.arcTrust().trustedSealers).toEqual(['attacker.example']);
    expect((await throughTheList()).verdict).toMatchObject({ action: 'accept', override: 'mailing_list' });
  }, 60_000);

  it('refuses what is not a list of domain names, and a command without one', async () => {
    expect((await arcTrust(controls, { trust: 'attacker.example' })).status).toBe(400);
    expect((await arcTrust(controls, { trust: ['bad domain'] })).status).toBe(400);
    await expect(lab_('arc', 'trust')).rejects.toMatchObject({ code: 2 });
    await expect(lab_('arc', 'forget', 'x.example')).rejects.toMatchObject({ code: 2 });
  });
});
