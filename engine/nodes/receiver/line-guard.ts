// smtp-server accepts command lines up to its maxCommandLength (16 KB by default) so that
// SASL blobs fit. The lab teaches the RFC 5321 limit, so a longer command line gets
// "500 Line too long" (RFC 5321 §4.2.4; reply text in ASCII, §4.2) while the session goes on; AUTH lines keep the
// larger RFC 4954 §4 allowance.

import type { SMTPServer } from 'smtp-server';
import { findConnection, type ConnectionInternals } from './connection-internals.ts';

// RFC 5321 §4.5.3.1.4: 512 octets including CRLF.
export const COMMAND_LINE_LIMIT = 512;
// RFC 4954 §4: an AUTH command line or SASL response may be 12288 octets.
export const AUTH_LINE_LIMIT = 12288;

/** Installs the guard on the connection of this session; false when it could not be found. */
export function guardLineLength(server: SMTPServer, sessionId: string): boolean {
  const conn = findConnection(server, sessionId);
  if (!conn || typeof conn._onCommand !== 'function') return false;
  const original = conn._onCommand;
  conn._onCommand = function guarded(this: ConnectionInternals, command: Buffer, callback?: () => void) {
    const octets = (command?.length ?? 0) + 2;
    const saslStep = Boolean(this._nextHandler);
    const isAuth = /^auth\b/i.test(command?.subarray(0, 5).toString('latin1') ?? '');
    const limit = saslStep || isAuth ? AUTH_LINE_LIMIT : COMMAND_LINE_LIMIT;
    if (!this._upgrading && octets > limit) {
      this.send(500, `Line too long: ${octets} octets, the limit is ${limit} (${limit === COMMAND_LINE_LIMIT ? 'RFC 5321 section 4.5.3.1.4' : 'RFC 4954 section 4'})`);
      if (saslStep) this._nextHandler = false;
      setImmediate(() => callback?.());
      return;
    }
    return original.call(this, command, callback);
  };
  return true;
}
