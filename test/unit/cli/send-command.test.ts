// `smtp-lab send` and `smtp-lab tlsrpt` against a real lab served in this process, and `send`
// headless (a lab started for one delivery).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage, SendOutcome, TlsRptReportInfo } from '../../../common/sender.ts';
import { startLabServer, type LabServer } from '../../../engine/cli/lab-server.ts';
import { startLab, type StartedLab } from '../../../engine/lab/start-lab.ts';
import { defaultReceiverConfig } from '../../../engine/nodes/receiver/receiver-config.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
const exec = promisify(execFile);

describe('smtp-lab send', () => {
  let dataDir: string;
  let lab: StartedLab;
  let server: LabServer;
  const smtpLab = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, [cli, ...args], { env: { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: '', ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-send-'));
    lab = await startLab({ dataDir });
    server = await startLabServer({ lab });
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await lab.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers through the running lab and prints the message and its outcome as JSON', async () => {
    const { code, stdout } = await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--subject', 'via the lab', '--policy', 'dane', '--json']);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout) as { message: OutboundMessage; outcome: SendOutcome };
    expect(reply.message.state).toBe('delivered');
    expect(reply.outcome).toMatchObject({ delivered: true, attackerRead: false, stoppedBy: null, tls: { version: 'TLSv1.3', authenticated: 'dane' } });
    expect(lab.mailbox.list().some((m) => m.subject === 'via the lab')).toBe(true);
    expect(lab.trace.all().some((e) => e.layer === 'policy' && e.rule === 'RFC 7672 §3.1.1')).toBe(true);
  });

  it('exits 1 with the rule that refused when the policy does not deliver', async () => {
    lab.receiver.setTls({ ...defaultReceiverConfig().tls, enabled: false });
    try {
      const { code, stdout } = await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--policy', 'mta-sts']);
      expect(code).toBe(1);
      expect(stdout).toContain('Action: delayed');
      expect(stdout).toMatch(/stoppedBy=RFC 8461 §[45]/);
    } finally {
      lab.receiver.setTls(defaultReceiverConfig().tls);
    }
  });

  it('exits 1 when the attacker\'s impostor took the message, and says so', async () => {
    const { code, stdout } = await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--subject', 'to the impostor', '--attack', 'impostor', '--param', 'spoof-mx=on', '--json']);
    expect(code).toBe(1);
    const reply = JSON.parse(stdout) as { message: OutboundMessage; outcome: SendOutcome };
    expect(reply.message.state).toBe('delivered');
    expect(reply.outcome).toMatchObject({ delivered: false, attackerRead: true });
    expect(lab.mailbox.list().some((m) => m.subject === 'to the impostor')).toBe(false);
  });

  it('--attack puts the learner\'s own attack back afterwards, and leaves none on when none was', async () => {
    await lab.attacker.set('eavesdrop', {});
    try {
      const { code, stdout, stderr } = await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--subject', 'stripped', '--attack', 'strip-starttls']);
      expect(code).toBe(0);
      expect(stdout).toContain('attacker:  READ this message');
      expect(stdout).toContain('transport: in plaintext');
      expect(stderr).toContain('(eavesdrop) is on again');
      expect(lab.attacker.status().active?.name).toBe('eavesdrop');
    } finally {
      await lab.attacker.off();
    }
    await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--attack', 'strip-starttls']);
    expect(lab.attacker.status().active).toBeNull();
  });

  it('refuses bad arguments with the usage', async () => {
    const { code, stderr } = await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--policy', 'sometimes']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown policy "sometimes"');
  });

  it('builds and shows TLS-RPT reports', async () => {
    const sent = await smtpLab(['tlsrpt', 'send', '--json']);
    expect(sent.code).toBe(0);
    const shown = await smtpLab(['tlsrpt', 'show', '--json']);
    const reports = JSON.parse(shown.stdout) as TlsRptReportInfo[];
    expect(reports[0].policyDomain).toBe('example.jp');
    expect(reports[0].deliveries.every((d) => d.ok)).toBe(true);
    const text = await smtpLab(['tlsrpt', 'show']);
    expect(text.stdout).toMatch(/policy tlsa for example\.jp: \d+ successful, 0 failed/);
  });

  it('shows TLS-RPT reports in Japanese: the failure reasons, and where each report went and how, in Japanese', async () => {
    // A session that fails under MTA-STS, counted for the next report.
    lab.receiver.setTls({ ...defaultReceiverConfig().tls, enabled: false });
    try {
      await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--policy', 'mta-sts']);
    } finally {
      lab.receiver.setTls(defaultReceiverConfig().tls);
    }
    const sent = await smtpLab(['tlsrpt', 'send', '--lang', 'ja']);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^ {2}-> mailto:tlsrpt@example\.jp：送信済み（キュー Q\d+：配送済み（2\.0\.0））$/m);
    const failure = sent.stdout.split('\n').find((line) => line.includes('starttls-not-supported'));
    expect(failure).toMatch(/^ {4}mx\.example\.jp \[[\d.]+\] で starttls-not-supported が \d+ 回：example\.jp のポリシーは /);
    expect(japaneseProblems(failure!)).toEqual([]);
    const json = JSON.parse((await smtpLab(['tlsrpt', 'show', '--json', '--lang', 'ja'])).stdout) as TlsRptReportInfo[];
    const reasons = json[0].failureReasons ?? [];
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.flatMap((r) => japaneseProblems(r.reason))).toEqual([]);
  });

  it('runs headless without a lab', async () => {
    const { code, stdout } = await smtpLab(['send', '--headless', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { outcome: SendOutcome }).outcome.delivered).toBe(true);
  }, 30_000);
});
