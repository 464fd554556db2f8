// Starts `smtp-lab serve --json` as a real child process, as a learner's `npm start` would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { LabHostTable } from '../../common/lab.ts';

export interface ServedLab {
  url: string;
  token: string;
  ws: string;
  hosts: LabHostTable;
  process: ChildProcess;
  dataDir: string;
  stop(): Promise<number | null>;
}

const repoRoot = resolve(import.meta.dirname, '../..');

/** A data directory shared by the tests of one run, so keys are generated once. */
export const testDataDir = process.env.SMTP_LAB_DATA ?? mkdtempSync(join(tmpdir(), 'smtp-lab-test-'));

/**
 * The lab terminal runs the user's own shell, which reads the user's start-up files. A test's shell
 * must not depend on them (a slow or blocked ~/.bashrc would stall every terminal), so the served
 * lab gets an empty home of its own.
 */
const testHome = mkdtempSync(join(tmpdir(), 'smtp-lab-home-'));

/**
 * Without a data directory, the lab shares the run's keys but starts as a new learner's would: an
 * empty queue (a lab takes up the queue a stopped lab left behind, as an MTA does) and no progress.
 * Pass a data directory to keep what an earlier lab left there (restart tests).
 */
export async function serveLab(extraArgs: string[] = [], dataDir?: string): Promise<ServedLab> {
  if (dataDir === undefined) {
    dataDir = testDataDir;
    for (const left of ['queue', 'progress']) rmSync(join(dataDir, left), { recursive: true, force: true });
  }
  const child = spawn(process.execPath, [join(repoRoot, 'bin/smtp-lab.js'), 'serve', '--json', '--no-open', ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, SMTP_LAB_DATA: dataDir, LANG: 'en_US.UTF-8', HOME: testHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not become ready in 20 s\n${stderr}`)), 20_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready\n${stderr}`));
    });
  });
  const ready = JSON.parse(firstLine) as Omit<ServedLab, 'process' | 'stop' | 'dataDir'>;
  return {
    ...ready,
    process: child,
    dataDir,
    stop: () =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null) return resolveExit(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolveExit(code);
        });
        child.kill('SIGTERM');
      }),
  };
}
