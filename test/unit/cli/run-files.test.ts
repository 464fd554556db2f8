// How CLI commands find the lab they talk to.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabRunInfo } from '../../../common/lab.ts';
import { dataDirOfRunFile, findRun, runFilePath, writeRunFile } from '../../../engine/cli/run-files.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function info(pid: number, startedAt: string): LabRunInfo {
  return { pid, startedAt, url: 'u', token: 't', ws: 'w', api: 'http://127.0.0.1:1', hosts: {} };
}

/** A pid that surely belongs to no process: one that just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('run files', () => {
  it('are written for the owner only and lead back to their data directory', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-runs-'));
    dirs.push(dataDir);
    const path = runFilePath(dataDir, 123);
    writeRunFile(path, info(123, new Date().toISOString()));
    expect(statSync(path).mode & 0o777).toBe(process.platform === 'win32' ? statSync(path).mode & 0o777 : 0o600);
    expect(dataDirOfRunFile(path)).toBe(dataDir);
  });

  it('pick the most recently started live lab and delete the files of dead ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-runs-'));
    dirs.push(dataDir);
    const dead = await deadPid();
    writeRunFile(runFilePath(dataDir, dead), info(dead, '2030-01-01T00:00:00Z'));
    // Written after each process started, as a lab writes its own (an earlier time means a reused PID).
    writeRunFile(runFilePath(dataDir, process.pid), info(process.pid, new Date(Date.now() - 1000).toISOString()));
    writeRunFile(runFilePath(dataDir, process.ppid), info(process.ppid, new Date().toISOString()));
    writeFileSync(join(dataDir, 'runs', '77.json'), 'not json');
    expect(findRun(dataDir, {})?.info.pid).toBe(process.ppid);
    expect(existsSync(runFilePath(dataDir, dead))).toBe(false);
    expect(existsSync(join(dataDir, 'runs', '77.json'))).toBe(false);
  });

  it('prefer the run named by SMTP_LAB_RUN, the one of the terminal they run in', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-runs-'));
    dirs.push(dataDir);
    writeRunFile(runFilePath(dataDir, process.ppid), info(process.ppid, '2031-01-01T00:00:00Z'));
    const own = runFilePath(dataDir, process.pid);
    writeRunFile(own, info(process.pid, new Date().toISOString()));
    expect(findRun(dataDir, { SMTP_LAB_RUN: own })?.path).toBe(own);
    expect(findRun(dataDir, { SMTP_LAB_RUN: join(dataDir, 'runs', 'gone.json') })).toBeNull();
  });

  it('are absent: no lab is found', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-runs-'));
    dirs.push(dataDir);
    expect(findRun(dataDir, {})).toBeNull();
    mkdirSync(join(dataDir, 'runs'));
    expect(findRun(dataDir, {})).toBeNull();
  });
});

describe('run files and reused PIDs', () => {
  it.skipIf(process.platform !== 'linux')('does not trust a run file whose PID now belongs to a process started after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-runs-'));
    dirs.push(dataDir);
    // A live process that started after the lab wrote its run file: the PID was reused.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await new Promise((r) => child.once('spawn', r));
      const stale = runFilePath(dataDir, child.pid!);
      writeRunFile(stale, info(child.pid!, new Date(Date.now() - 60 * 60 * 1000).toISOString()));
      expect(findRun(dataDir, {})).toBeNull();
      expect(existsSync(stale)).toBe(false);
      // The same PID written at its real start is trusted.
      const fresh = runFilePath(dataDir, child.pid!);
      writeRunFile(fresh, info(child.pid!, new Date().toISOString()));
      expect(findRun(dataDir, {})?.info.pid).toBe(child.pid);
      expect(findRun(dataDir, { SMTP_LAB_RUN: fresh })?.info.pid).toBe(child.pid);
    } finally {
      child.kill();
    }
  });
});
