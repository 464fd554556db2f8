// MAIL FROM and RCPT TO lines: the path limits of RFC 5321 §4.5.3.1 and the parameters the
// server's extensions allow (SIZE RFC 1870, BODY=8BITMIME RFC 6152, SMTPUTF8 RFC 6531,
// REQUIRETLS RFC 8689).
import type { EhloExtensions } from './extensions.ts';
import type { SessionFailure } from './recipient-book.ts';

export const COMMAND_LINE_LIMIT = 512;
const LOCAL_PART_LIMIT = 64;
const DOMAIN_LIMIT = 255;
const PATH_LIMIT = 256;

export type LineOrFailure = { ok: true; line: string } | { ok: false; failure: SessionFailure };

const permanent = (rule: string, reason: string, enhancedStatus: string): LineOrFailure => ({
  ok: false,
  failure: { outcome: 'bounced', rule, reason, enhancedStatus },
});

/** Null when the address fits in a command; else why not. Empty is the null reverse-path (§4.5.5). */
function addressProblem(address: string): string | null {
  if (/[\r\n<>\s]/.test(address)) return `"${address}" holds a line break, space or angle bracket`;
  if (address === '') return null;
  const at = address.lastIndexOf('@');
  if (at <= 0) return `"${address}" has no local-part@domain form`;
  if (Buffer.byteLength(address.slice(0, at)) > LOCAL_PART_LIMIT) return `the local-part of "${address}" is over ${LOCAL_PART_LIMIT} octets (RFC 5321 §4.5.3.1.1)`;
  if (Buffer.byteLength(address.slice(at + 1)) > DOMAIN_LIMIT) return `the domain of "${address}" is over ${DOMAIN_LIMIT} octets (RFC 5321 §4.5.3.1.2)`;
  if (Buffer.byteLength(address) + 2 > PATH_LIMIT) return `the path <${address}> is over ${PATH_LIMIT} octets (RFC 5321 §4.5.3.1.3)`;
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
  if (problem) return permanent('RFC 5321 §4.5.3.1', `the sender address cannot be sent: ${problem}`, '5.1.7');
  const params: string[] = [];
  if (ext.size !== undefined) {
    if (ext.size > 0 && input.size > ext.size) {
      return permanent('RFC 1870 §6', `the message is ${input.size} octets and the server accepts at most ${ext.size}`, '5.3.4');
    }
    params.push(`SIZE=${input.size}`);
  }
  if (input.eightBit) {
    if (!ext.eightBitMime) return permanent('RFC 6152 §3', 'the message has 8-bit content and the server does not offer 8BITMIME', '5.6.3');
    params.push('BODY=8BITMIME');
  }
  if (![input.from, ...input.to].every(isAscii)) {
    if (!ext.smtpUtf8) return permanent('RFC 6531 §3.2', 'an address is not ASCII and the server does not offer SMTPUTF8', '5.6.7');
    params.push('SMTPUTF8');
  }
  if (input.requireTls) params.push('REQUIRETLS');
  return limited(`MAIL FROM:<${input.from}>${params.map((p) => ` ${p}`).join('')}`);
}

export function rcptToLine(recipient: string): LineOrFailure {
  const problem = recipient === '' ? 'the recipient address is empty' : addressProblem(recipient);
  if (problem) return permanent('RFC 5321 §4.5.3.1', `the recipient cannot be sent: ${problem}`, '5.1.3');
  return limited(`RCPT TO:<${recipient}>`);
}

function limited(line: string): LineOrFailure {
  const octets = Buffer.byteLength(line) + 2;
  if (octets > COMMAND_LINE_LIMIT) return permanent('RFC 5321 §4.5.3.1.4', `the command line is ${octets} octets, over ${COMMAND_LINE_LIMIT}`, '5.5.2');
  return { ok: true, line };
}
