// The RFC 5322 message the sending MTA queues for a SendRequest: the header fields a real MUA
// would write, non-ASCII subjects as RFC 2047 encoded words, the body as UTF-8 text.
import { createHash } from 'node:crypto';
import type { SendRequest } from '../../../../common/sender.ts';
import { rfc5322Date } from '../../../policy/tlsrpt/mail.ts';

const ASCII = /^[\x20-\x7e]*$/;

function encodedWord(text: string): string {
  if (ASCII.test(text)) return text;
  // RFC 2047 §2: an encoded word is at most 75 characters; split on whole characters.
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

export interface ComposedMessage {
  messageId: string;
  bytes: Buffer;
}

export function composeMessage(request: SendRequest, now: number, id: string): ComposedMessage {
  const domain = request.from.split('@')[1] ?? 'sender.example';
  const seed = createHash('sha256').update(`${id}|${now}`).digest('hex').slice(0, 20);
  const messageId = `<${seed}.${id}@${domain}>`;
  const body = request.body.replace(/\r?\n/g, '\r\n');
  const eightBit = !ASCII.test(body.replace(/\r\n/g, ''));
  const headers = [
    `Date: ${rfc5322Date(now)}`,
    `From: <${request.from}>`,
    `To: ${request.to.map((to) => `<${to}>`).join(', ')}`,
    `Subject: ${encodedWord(request.subject)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    `Content-Transfer-Encoding: ${eightBit ? '8bit' : '7bit'}`,
    // RFC 8689 §3: the sender asks relays to deliver even where MTA-STS or DANE would refuse.
    ...(request.tlsRequiredNo ? ['TLS-Required: No'] : []),
  ];
  return { messageId, bytes: Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}${body.endsWith('\r\n') ? '' : '\r\n'}`, 'utf8') };
}
