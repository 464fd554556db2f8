// `hosts`, `mailbox` and their learner alias `lab`, against a lab served in this process.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../../engine/cli/lab-server.ts';
import { fakeLab, sampleMessage } from '../api/fake-lab.ts';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
const run = promisify(execFile);

describe('lab commands', () => {
  let dataDir: string;
  let server: LabServer;
  const smtpLab = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [cli, ...args], { env: { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: '', ...env } });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-cmd-'));
    const lab = fakeLab(dataDir, [
      { name: 'mx.example.jp', address: '192.0.2.25', role: 'receiver', ports: { '25': 40125, '587': 40587 } },
      { name: 'ns.example.jp', address: '192.0.2.53', role: 'dns', ports: { '53': 40053 } },
    ]);
    lab.deliver(sampleMessage('1', 'Hello lab'));
    server = await startLabServer({ lab });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a run file for the owner only, and the tools next to it', () => {
    expect(server.runFile).toBe(join(dataDir, 'runs', `${process.pid}.json`));
    if (process.platform !== 'win32') expect(statSync(server.runFile).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, 'tools', 'bin', process.platform === 'win32' ? 'smtp.cmd' : 'smtp'))).toBe(true);
  });

  it('hosts prints the table with loopback ports and a hint for real tools', async () => {
    const { stdout } = await smtpLab(['hosts']);
    expect(stdout).toMatch(/^NAME +LAB ADDRESS +ROLE +LAB PORT -> LOOPBACK\n/);
    expect(stdout).toMatch(/mx\.example\.jp +192\.0\.2\.25 +receiving MTA +25 -> 127\.0\.0\.1:40125\n +587 -> 127\.0\.0\.1:40587\n/);
    expect(stdout).toMatch(/ns\.example\.jp +192\.0\.2\.53 +DNS server +53 -> 127\.0\.0\.1:40053/);
    expect(stdout).toContain('openssl s_client -starttls smtp -connect 127.0.0.1:40125');
    expect(stdout).toContain('swaks --server 127.0.0.1:40125');
    expect(stdout).toContain('dig @127.0.0.1 -p 40053 +dnssec example.jp MX');
  });

  it('hosts --json and lab hosts --json print the host table of serve --json', async () => {
    const expected = {
      'mx.example.jp': { address: '192.0.2.25', role: 'receiver', ports: { '25': 40125, '587': 40587 } },
      'ns.example.jp': { address: '192.0.2.53', role: 'dns', ports: { '53': 40053 } },
    };
    expect(JSON.parse((await smtpLab(['hosts', '--json'])).stdout)).toEqual(expected);
    expect(JSON.parse((await smtpLab(['lab', 'hosts', '--json'], { SMTP_LAB_RUN: server.runFile })).stdout)).toEqual(expected);
  });

  it('mailbox asks the lab over its API with the token', async () => {
    const json = JSON.parse((await smtpLab(['mailbox', '--json'])).stdout);
    expect(json).toMatchObject([{ id: '1', subject: 'Hello lab' }]);
    const { stdout } = await smtpLab(['lab', 'mailbox']);
    expect(stdout).toContain('Subject:   Hello lab');
    expect(stdout).toContain('TLS TLSv1.3 TLS_AES_256_GCM_SHA384');
    expect(stdout).toContain('RCPT TO:   <bob@example.jp>');
    expect(stdout).toContain('  Received: from learner.example (unknown [192.0.2.10])\n      by mx.example.jp (SMTP Lab) with ESMTP id 1\n');
  });

  it('says how to start a lab when none runs', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'smtp-lab-none-'));
    const failure = await smtpLab(['hosts'], { SMTP_LAB_DATA: empty }).catch((error) => error);
    rmSync(empty, { recursive: true, force: true });
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('no running lab found');
  });
});
