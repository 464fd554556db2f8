// How CLI commands reach a running lab: its run file, then its HTTP API with the run's token.
import type { LabRunInfo } from '../../common/lab.ts';
import { isText, text, type Text } from '../../common/i18n/text.ts';
import { TextError } from '../../common/i18n/text-error.ts';
import { defaultDataDir } from '../lab/data-dir.ts';
import { findRun, type FoundRun } from './run-files.ts';

export class NoLabError extends TextError {}

export function requireRun(env: NodeJS.ProcessEnv = process.env): FoundRun {
  const found = findRun(defaultDataDir(env), env);
  if (found) return found;
  throw new NoLabError(env.SMTP_LAB_RUN ? text('cliLab.gone', { run: env.SMTP_LAB_RUN }) : text('cliLab.none'));
}

/** A request to the lab; a lab that does not answer is said so, not as fetch's "fetch failed". */
async function request(path: string, timeoutMs: number, send: (signal: AbortSignal) => Promise<Response>): Promise<Response> {
  try {
    return await send(AbortSignal.timeout(timeoutMs));
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new TextError(text('cliLab.timeout', { path, seconds: timeoutMs / 1000 }));
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new TextError(text('cliLab.noAnswer', { path, error: cause?.code ?? (error as Error).message }));
  }
}

export async function apiGet<T>(run: LabRunInfo, path: string): Promise<T> {
  const response = await request(path, 5000, (signal) => fetch(`${run.api}${path}`, { headers: { Authorization: `Bearer ${run.token}` }, signal }));
  if (!response.ok) throw new TextError(text('cliLab.http', { path, status: response.status }));
  return (await response.json()) as T;
}

/** The refusal of an API answer: its errorText in the learner's language when it has one, else its error. */
function refusal(body: string): Text | string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; errorText?: unknown };
    if (isText(parsed.errorText)) return parsed.errorText;
    return typeof parsed.error === 'string' ? parsed.error : body;
  } catch {
    return body;
  }
}

export async function apiPost<T>(run: LabRunInfo, path: string, body: unknown, timeoutMs = 120_000): Promise<T> {
  const response = await request(path, timeoutMs, (signal) =>
    fetch(`${run.api}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${run.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    }),
  );
  const answer = await response.text();
  if (!response.ok) throw new TextError(text('cliLab.refused', { path, message: refusal(answer) }));
  return JSON.parse(answer) as T;
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
    const response = await request(path, 15_000, (signal) => fetch(`${run.api}${path}${query}`, { headers: { Authorization: `Bearer ${run.token}` }, signal }));
    if (!response.ok) throw new TextError(text('cliLab.http', { path, status: response.status }));
    const page = (await response.json()) as T[];
    dropped = Number(response.headers.get('x-smtp-lab-dropped') ?? 0);
    if (page.length) pages.unshift(page);
    if (page.length === 0 || Number(response.headers.get('x-smtp-lab-older') ?? 0) === 0) break;
    query = `?before=${encodeURIComponent(cursor(page[0]))}`;
  }
  return { items: pages.flat(), dropped };
}
