// main.cf over the HTTP API, for `smtp-lab postconf` and `lab postconf`:
//   GET  /api/postconf?mode=all|non-default|defaults&name=P&name=Q   -> { ok, lines } | { ok: false, errors }
//   POST /api/postconf { assignments: ["name = value", ...] }        -> postconf -e
//   POST /api/postconf { text: "main.cf text" }                       -> the main.cf pane's Apply
//   POST /api/postconf { reset: true }                                -> back to the lab's main.cf
import type { PostconfEditResult, PostconfMode, PostconfShowResult } from '../../common/postconf.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';

export const POSTCONF_PATH = '/api/postconf';

const MODES: readonly PostconfMode[] = ['all', 'non-default', 'defaults'];
const MAX_NAMES = 64;
const MAX_ASSIGNMENTS = 64;
const MAX_TEXT = 64 * 1024;

/** undefined: 404 (no such lab part or a malformed query). */
export function postconfGet(lab: LabRuntime, params: URLSearchParams): PostconfShowResult | undefined {
  const mode = (params.get('mode') ?? 'all') as PostconfMode;
  const names = params.getAll('name');
  if (!lab.postconf || !MODES.includes(mode) || names.length > MAX_NAMES || names.some((n) => n.length > 128)) return undefined;
  return lab.postconf.show(mode, names);
}

export type PostconfActionReply = { status: number; body: PostconfEditResult | { ok: true } | { error: string } };

export function postconfAction(lab: LabRuntime, body: unknown): PostconfActionReply {
  if (!lab.postconf) return { status: 404, body: { error: 'this lab has no main.cf' } };
  const b = (body ?? {}) as { assignments?: unknown; text?: unknown; reset?: unknown };
  if (b.reset === true) {
    lab.postconf.reset();
    return { status: 200, body: { ok: true } };
  }
  if (typeof b.text === 'string' && b.text.length <= MAX_TEXT) return { status: 200, body: lab.postconf.replace(b.text) };
  const a = b.assignments;
  if (Array.isArray(a) && a.length <= MAX_ASSIGNMENTS && a.every((x) => typeof x === 'string' && x.length <= 4096)) {
    return { status: 200, body: lab.postconf.edit(a as string[]) };
  }
  return { status: 400, body: { error: 'expected { assignments: ["name = value", ...] }, { text: "..." } or { reset: true }' } };
}
