// How CLI commands reach a running lab: its run file, then its HTTP API with the run's token.
import type { LabRunInfo } from '../../common/lab.ts';
import { defaultDataDir } from '../lab/data-dir.ts';
import { findRun, type FoundRun } from './run-files.ts';

export class NoLabError extends Error {}

export function requireRun(env: NodeJS.ProcessEnv = process.env): FoundRun {
  const found = findRun(defaultDataDir(env), env);
  if (found) return found;
  throw new NoLabError(
    env.SMTP_LAB_RUN
      ? `the lab of this terminal (${env.SMTP_LAB_RUN}) is not running any more`
      : 'no running lab found. Start one with: npm start  (or: smtp-lab serve)',
  );
}

export async function apiGet<T>(run: LabRunInfo, path: string): Promise<T> {
  const response = await fetch(`${run.api}${path}`, {
    headers: { Authorization: `Bearer ${run.token}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function apiPost<T>(run: LabRunInfo, path: string, body: unknown, timeoutMs = 120_000): Promise<T> {
  const response = await fetch(`${run.api}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${run.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // plain text answer
    }
    throw new Error(`${path}: ${message}`);
  }
  return JSON.parse(text) as T;
}

/**
 * Every item of a paged GET (/api/trace, /api/mailbox), oldest first: the API answers one page at a
 * time, newest first, each with the number still kept before it.
 */
export async function apiGetAll<T>(run: LabRunInfo, path: string, cursor: (oldest: T) => string): Promise<{ items: T[]; dropped: number }> {
  const pages: T[][] = [];
  let dropped = 0;
  let query = '';
  for (;;) {
    const response = await fetch(`${run.api}${path}${query}`, { headers: { Authorization: `Bearer ${run.token}` }, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const page = (await response.json()) as T[];
    dropped = Number(response.headers.get('x-smtp-lab-dropped') ?? 0);
    if (page.length) pages.unshift(page);
    if (page.length === 0 || Number(response.headers.get('x-smtp-lab-older') ?? 0) === 0) break;
    query = `?before=${encodeURIComponent(cursor(page[0]))}`;
  }
  return { items: pages.flat(), dropped };
}
