// The HTTP answer the policy host gives for one request, as a value: the server writes it, the
// trace shows it. Only GET of the well-known path on an mta-sts.<domain> host is a policy.
import { POLICY_PATH, type PolicyStore } from './policy-store.ts';

export interface PolicyAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Wait this long before answering (the slow lesson). */
  delayMs: number;
  /** The lesson that shaped this answer, for the trace. */
  lesson: string;
}

const DEFAULT_OVERSIZE = 70 * 1024;
const PAD_LINE = `x_padding: ${'a'.repeat(100)}\n`;

function notFound(): PolicyAnswer {
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('not found\n'), delayMs: 0, lesson: 'none' };
}

/** host: the Host header (port stripped, lower case). */
export function answerFor(store: PolicyStore, method: string, host: string, path: string): PolicyAnswer {
  if (method !== 'GET' || path !== POLICY_PATH || !host.startsWith('mta-sts.')) return notFound();
  const entry = store.get(host.slice('mta-sts.'.length));
  if (!entry) return notFound();
  const lesson = entry.lesson;
  const ok = (body: Buffer, mediaType = entry.mediaType, delayMs = 0): PolicyAnswer => ({
    status: 200,
    headers: { 'content-type': mediaType },
    body,
    delayMs,
    lesson: lesson.kind,
  });
  switch (lesson.kind) {
    case 'normal':
      return ok(Buffer.from(entry.text));
    case 'wrong-media-type':
      return ok(Buffer.from(entry.text), lesson.mediaType ?? 'text/html');
    case 'redirect':
      return {
        status: 302,
        headers: { location: lesson.location ?? `https://www.${host.slice('mta-sts.'.length)}${POLICY_PATH}`, 'content-type': 'text/plain' },
        body: Buffer.from('moved\n'),
        delayMs: 0,
        lesson: lesson.kind,
      };
    case 'not-found':
      return { ...notFound(), lesson: lesson.kind };
    case 'oversize': {
      const size = lesson.bytes ?? DEFAULT_OVERSIZE;
      const text = `${entry.text.endsWith('\n') ? entry.text : `${entry.text}\n`}${PAD_LINE.repeat(Math.ceil(size / PAD_LINE.length))}`;
      return ok(Buffer.from(text).subarray(0, Math.max(size, Buffer.byteLength(entry.text))));
    }
    case 'slow':
      return ok(Buffer.from(entry.text), entry.mediaType, lesson.delayMs);
  }
}
