// The message an eavesdropper captured after DATA, turned back into what the sender wrote:
// the end-of-data line removed, dot-stuffing undone (RFC 5321 §4.5.2), then read as a
// message (header fields, subject, text body).

import type { KnownMessage } from './knowledge-book.ts';
import { parseMessage } from '../../nodes/receiver/parse-message.ts';
import { messageIdOf } from '../../protocol/message-id.ts';

const MAX_BODY = 64 * 1024;

export function unstuff(wire: Buffer, complete: boolean): Buffer {
  const lines = wire.toString('latin1').split(/(?<=\n)/);
  if (complete && lines.length && /^\.\r?\n$/.test(lines[lines.length - 1])) lines.pop();
  return Buffer.from(lines.map((line) => (line.startsWith('.') ? line.slice(1) : line)).join(''), 'latin1');
}

/** Reads the message the attacker captured on the connection `flow`. */
export async function readMessage(message: Buffer, flow: string): Promise<KnownMessage> {
  const parsed = await parseMessage(message);
  const body = parsed.text.length > MAX_BODY ? `${parsed.text.slice(0, MAX_BODY)}…` : parsed.text;
  return { subject: parsed.subject, headers: parsed.headers, body, flow, messageId: messageIdOf(message) ?? null };
}
