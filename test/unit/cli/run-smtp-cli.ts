// Runs the learner's `smtp` client as the real CLI, its stdin piped from `lines`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');

export function runSmtpCli(runFile: string, args: string[], lines: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, 'smtp', ...args], {
      env: { ...process.env, SMTP_LAB_RUN: runFile, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, out, err });
    });
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}
