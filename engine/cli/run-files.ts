// Run files: one JSON file per running lab in <dataDir>/runs/<pid>.json, so the CLI can find it.
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LabRunInfo } from '../../common/lab.ts';
import { pidAlive, sameProcess } from '../system/process-identity.ts';

export function runsDir(dataDir: string): string {
  return join(dataDir, 'runs');
}

export function runFilePath(dataDir: string, pid = process.pid): string {
  return join(runsDir(dataDir), `${pid}.json`);
}

/** The data directory a run file belongs to: <dataDir>/runs/<pid>.json. */
export function dataDirOfRunFile(path: string): string {
  return dirname(dirname(path));
}

/** Writes the run file readable by its owner only: it holds the token that opens a shell. */
export function writeRunFile(path: string, info: LabRunInfo): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function removeRunFile(path: string): void {
  rmSync(path, { force: true });
}

export function isAlive(pid: number): boolean {
  return pidAlive(pid);
}

/** The lab that wrote the run file still runs: its PID is alive and was not reused by a later process. */
export function isRunning(info: LabRunInfo): boolean {
  return sameProcess(info.pid, Date.parse(info.startedAt));
}

export function readRunFile(path: string): LabRunInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LabRunInfo;
    if (typeof info?.pid !== 'number' || typeof info.api !== 'string' || typeof info.token !== 'string' || !info.hosts) return null;
    return info;
  } catch {
    return null;
  }
}

export interface FoundRun {
  path: string;
  info: LabRunInfo;
}

/**
 * The lab a command talks to: the one named by SMTP_LAB_RUN (the lab terminal sets it), else the most
 * recently started live lab in the data directory. Run files of dead processes are deleted on the way.
 */
export function findRun(dataDir: string, env: NodeJS.ProcessEnv = process.env): FoundRun | null {
  if (env.SMTP_LAB_RUN) {
    const info = readRunFile(env.SMTP_LAB_RUN);
    return info && isRunning(info) ? { path: env.SMTP_LAB_RUN, info } : null;
  }
  let files: string[];
  try {
    files = readdirSync(runsDir(dataDir)).filter((name) => /^\d+\.json$/.test(name));
  } catch {
    return null;
  }
  let best: FoundRun | null = null;
  for (const name of files) {
    const path = join(runsDir(dataDir), name);
    const info = readRunFile(path);
    if (!info || !isRunning(info)) {
      removeRunFile(path);
      continue;
    }
    if (!best || Date.parse(info.startedAt) > Date.parse(best.info.startedAt)) best = { path, info };
  }
  return best;
}
