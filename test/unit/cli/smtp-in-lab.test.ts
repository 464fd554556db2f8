// The learner's path end to end: `smtp mx.example.jp` through a served lab, STARTTLS verified against
// the lab CA, and `lab mailbox` showing how the message came.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../../common/lab.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { serveLab, testDataDir, type ServedLab } from '../../support/serve-lab.ts';
import { runSmtpCli } from './run-smtp-cli.ts';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');

const smtp = (runFile: string, lines: string[]) => runSmtpCli(runFile, ['mx.example.jp'], lines);

describe('smtp in a served lab', () => {
  let lab: ServedLab;
  let runFile: string;
  beforeAll(async () => {
    lab = await serveLab();
    runFile = join(testDataDir, 'runs', `${lab.process.pid}.json`);
  }, 30_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('delivers over STARTTLS verified against the lab CA, and the mailbox and trace say so', async () => {
    const subject = `in-lab ${Date.now()}`;
    const result = await smtp(runFile, [
      'EHLO learner.example',
      'STARTTLS',
      'EHLO learner.example',
      'MAIL FROM:<alice@sender.example>',
      'RCPT TO:<bob@example.jp>',
      'DATA',
      `Subject: ${subject}`,
      '',
      'hello through the lab',
      '.',
      'QUIT',
    ]);
    expect(result.err).toBe('');
    expect(result.out).toContain('mx.example.jp has address 192.0.2.25 (lab DNS, dnssec: unchecked)');
    expect(result.out).toMatch(/=== TLS started: TLSv1\.3, cipher TLS_/);
    expect(result.out).toContain('=== certificate subject: CN=mx.example.jp');
    expect(result.out).toContain('=== verified against the lab CA: yes');
    expect(result.out).toMatch(/ ~> QUIT\n<~ +221/);
    expect(result.code).toBe(0);

    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'lab', 'mailbox', '--json'], { env: { ...process.env, SMTP_LAB_RUN: runFile } });
    const message = (JSON.parse(stdout) as MailboxMessage[]).find((m) => m.subject === subject);
    expect(message).toMatchObject({ envelope: { mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] }, tls: { version: 'TLSv1.3' } });

    const trace = (await (await fetch(`${new URL(lab.url).origin}/api/trace?token=${lab.token}`)).json()) as TraceEvent[];
    const flow = trace.filter((e) => e.flow === message!.flow);
    expect(flow.some((e) => e.link.from === 'terminal' && e.layer === 'smtp' && e.summary.includes('STARTTLS'))).toBe(true);
    expect(flow.some((e) => e.visibility === 'encrypted')).toBe(true);
    const lookup = trace.find((e) => e.layer === 'dns' && e.dir === 'none' && e.detail?.name === 'mx.example.jp' && e.detail?.type === 'A');
    expect(lookup).toMatchObject({ link: { from: 'terminal', to: 'ns.example.jp' }, detail: { status: 'unchecked', validating: false } });
  });
});
