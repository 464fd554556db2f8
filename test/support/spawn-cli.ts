// A long-running `smtp-lab` command (serve, dns serve) as a child process in the language asked
// for: its output lines as they come, and a stop that sends SIGTERM and waits for the exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface RunningCli {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds a line matching `line`; fails after `ms` or when the command exits. */
  waitFor(line: RegExp, ms?: number): Promise<void>;
  stop(): Promise<number | null>;
}

export function spawnCli(args: string[], lang: 'ja' | 'en', env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [join(root, 'bin', 'smtp-lab.js'), ...args], {
    cwd: root,
    env: { ...process.env, CI: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', SMTP_LAB_LANG: lang, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (line, ms = 30_000) =>
      new Promise((resolveLine, reject) => {
        const started = Date.now();
        const poll = () => {
          if (out.split('\n').some((l) => line.test(l))) return resolveLine();
          if (child.exitCode !== null) return reject(new Error(`smtp-lab ${args.join(' ')} exited ${child.exitCode}\n${out}${err}`));
          if (Date.now() - started > ms) return reject(new Error(`smtp-lab ${args.join(' ')}: no line ${line} in ${ms} ms\n${out}${err}`));
          setTimeout(poll, 50);
        };
        poll();
      }),
    stop: () =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null) return resolveExit(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolveExit(code);
        });
        child.kill('SIGTERM');
      }),
  };
}
