// The message an eavesdropper captured after DATA, turned back into what the sender wrote:
// the end-of-data line removed, dot-stuffing undone (RFC 5321 §4.5.2), then read as a
// message (header fields, subject, text body).

import type { KnownMessage } from './knowledge-book.ts';
import { parseMessage } from '../../nodes/receiver/parse-message.ts';
import { messageIdOf } from '../../protocol/message-id.ts';

const MAX_BODY = 64 * 1024;

const LF_DOT = Buffer.from('\n.');

export function unstuff(wire: Buffer, complete: boolean): Buffer {
  let end = wire.length;
  if (complete && end > 0 && wire[end - 1] === 0x0a) {
    const start = end >= 2 ? wire.lastIndexOf(0x0a, end - 2) + 1 : 0;
    const last = end - start;
    if (wire[start] === 0x2e && (last === 2 || (last === 3 && wire[start + 1] === 0x0d))) end = start;
  }
  const body = wire.subarray(0, end);
  const parts: Buffer[] = [];
  let from = body[0] === 0x2e ? 1 : 0;
  for (let at = body.indexOf(LF_DOT, from); at >= 0; at = body.indexOf(LF_DOT, from)) {
    parts.push(body.subarray(from, at + 1));
    from = at + 2;
  }
  if (from === 0) return body;
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}

/** Reads the message the attacker captured on the connection `flow`. */
export async function readMessage(message: Buffer, flow: string): Promise<KnownMessage> {
  const parsed = await parseMessage(message);
  const body = parsed.text.length > MAX_BODY ? `${parsed.text.slice(0, MAX_BODY)}…` : parsed.text;
  return { subject: parsed.subject, headers: parsed.headers, body, flow, messageId: messageIdOf(message) ?? null };
}
