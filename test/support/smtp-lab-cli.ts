// Runs the real `smtp-lab` (bin/smtp-lab.js, the build or the sources) as a learner's shell would,
// in the language asked for, and hands back what it printed and its exit status.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `smtp-lab ARGS` with SMTP_LAB_LANG=lang (LANG plain C, so only the choice made here counts). */
export function smtpLab(args: string[], lang: 'ja' | 'en', env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'smtp-lab.js'), ...args],
      { cwd: root, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SMTP_LAB_LANG: lang, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
