// smtp-server accepts command lines up to its maxCommandLength (16 KB by default) so that
// SASL blobs fit. The lab teaches the RFC 5321 limit, so a longer command line gets
// "500 Line too long" (RFC 5321 §4.2.4; reply text in ASCII, §4.2) while the session goes on; AUTH lines keep the
// larger RFC 4954 §4 allowance.

import type { SMTPServer } from 'smtp-server';
import { gateCommands, type CommandLineState } from './smtp-server-internals.ts';

// RFC 5321 §4.5.3.1.4: 512 octets including CRLF.
export const COMMAND_LINE_LIMIT = 512;
// RFC 4954 §4: an AUTH command line or SASL response may be 12288 octets.
export const AUTH_LINE_LIMIT = 12288;

/** The reply to a command line over its limit, or null. */
export function lineLengthReply(line: Buffer, state: CommandLineState): { code: number; text: string } | null {
  const octets = line.length + 2;
  const isAuth = /^auth\b/i.test(line.subarray(0, 5).toString('latin1'));
  const limit = state.saslStep || isAuth ? AUTH_LINE_LIMIT : COMMAND_LINE_LIMIT;
  if (state.upgrading || octets <= limit) return null;
  return { code: 500, text: `Line too long: ${octets} octets, the limit is ${limit} (${limit === COMMAND_LINE_LIMIT ? 'RFC 5321 section 4.5.3.1.4' : 'RFC 4954 section 4'})` };
}

/** Installs the guard on the connection of this session; false when it could not be found. */
export function guardLineLength(server: SMTPServer, sessionId: string): boolean {
  return gateCommands(server, sessionId, lineLengthReply);
}
