// The message an eavesdropper captured after DATA, turned back into what the sender wrote:
// the end-of-data line removed, dot-stuffing undone (RFC 5321 §4.5.2), then read as a
// message (header fields, subject, text body).

import type { KnownMessage } from './knowledge-book.ts';
import { parseMessage } from '../../nodes/receiver/parse-message.ts';

const MAX_BODY = 64 * 1024;

export function unstuff(wire: Buffer, complete: boolean): Buffer {
  const lines = wire.toString('latin1').split(/(?<=\n)/);
  if (complete && lines.length && /^\.\r?\n$/.test(lines[lines.length - 1])) lines.pop();
  return Buffer.from(lines.map((line) => (line.startsWith('.') ? line.slice(1) : line)).join(''), 'latin1');
}

export async function readMessage(wire: Buffer, complete: boolean): Promise<KnownMessage> {
  const parsed = await parseMessage(unstuff(wire, complete));
  const body = parsed.text.length > MAX_BODY ? `${parsed.text.slice(0, MAX_BODY)}…` : parsed.text;
  return { subject: parsed.subject, headers: parsed.headers, body };
}
