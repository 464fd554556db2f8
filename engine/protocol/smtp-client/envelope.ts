// MAIL FROM and RCPT TO lines: the path limits of RFC 5321 §4.5.3.1 and the parameters the
// server's extensions allow (SIZE RFC 1870, BODY=8BITMIME RFC 6152, SMTPUTF8 RFC 6531,
// REQUIRETLS RFC 8689).
import { said, text, type Text } from '../../../common/i18n/text.ts';
import type { EhloExtensions } from './extensions.ts';
import type { SessionFailure } from './recipient-book.ts';

export const COMMAND_LINE_LIMIT = 512;
const LOCAL_PART_LIMIT = 64;
const DOMAIN_LIMIT = 255;
const PATH_LIMIT = 256;

export type LineOrFailure = { ok: true; line: string } | { ok: false; failure: SessionFailure };

const permanent = (rule: string, reason: Text, enhancedStatus: string): LineOrFailure => ({
  ok: false,
  failure: { outcome: 'bounced', rule, ...said(reason), enhancedStatus },
});

/** Null when the address fits in a command; else why not. Empty is the null reverse-path (§4.5.5). */
function addressProblem(address: string): Text | null {
  if (/[\r\n<>\s]/.test(address)) return text('envelope.badChars', { address });
  if (address === '') return null;
  const at = address.lastIndexOf('@');
  if (at <= 0) return text('envelope.noAt', { address });
  if (Buffer.byteLength(address.slice(0, at)) > LOCAL_PART_LIMIT) return text('envelope.longLocal', { address, limit: LOCAL_PART_LIMIT });
  if (Buffer.byteLength(address.slice(at + 1)) > DOMAIN_LIMIT) return text('envelope.longDomain', { address, limit: DOMAIN_LIMIT });
  if (Buffer.byteLength(address) + 2 > PATH_LIMIT) return text('envelope.longPath', { address, limit: PATH_LIMIT });
  return null;
}

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);

export interface MailFromInput {
  from: string;
  to: readonly string[];
  size: number;
  eightBit: boolean;
  requireTls: boolean;
  extensions: EhloExtensions;
}

export function mailFromLine(input: MailFromInput): LineOrFailure {
  const { extensions: ext } = input;
  const problem = addressProblem(input.from);
  if (problem) return permanent('RFC 5321 §4.5.3.1', text('envelope.badSender', { problem }), '5.1.7');
  const params: string[] = [];
  if (ext.size !== undefined) {
    if (ext.size > 0 && input.size > ext.size) {
      return permanent('RFC 1870 §6', text('envelope.tooBig', { size: input.size, limit: ext.size }), '5.3.4');
    }
    params.push(`SIZE=${input.size}`);
  }
  if (input.eightBit) {
    if (!ext.eightBitMime) return permanent('RFC 6152 §3', text('envelope.no8bit'), '5.6.3');
    params.push('BODY=8BITMIME');
  }
  if (![input.from, ...input.to].every(isAscii)) {
    if (!ext.smtpUtf8) return permanent('RFC 6531 §3.2', text('envelope.noUtf8'), '5.6.7');
    params.push('SMTPUTF8');
  }
  if (input.requireTls) params.push('REQUIRETLS');
  return limited(`MAIL FROM:<${input.from}>${params.map((p) => ` ${p}`).join('')}`);
}

export function rcptToLine(recipient: string): LineOrFailure {
  const problem = recipient === '' ? text('envelope.emptyRecipient') : addressProblem(recipient);
  if (problem) return permanent('RFC 5321 §4.5.3.1', text('envelope.badRecipient', { problem }), '5.1.3');
  return limited(`RCPT TO:<${recipient}>`);
}

function limited(line: string): LineOrFailure {
  const octets = Buffer.byteLength(line) + 2;
  if (octets > COMMAND_LINE_LIMIT) return permanent('RFC 5321 §4.5.3.1.4', text('envelope.longCommand', { octets, limit: COMMAND_LINE_LIMIT }), '5.5.2');
  return { ok: true, line };
}
