// RFC 3207 §6: what a client pipelined after STARTTLS arrived in plaintext and must be
// discarded once TLS is up; servers that executed it inside the TLS session were open to command
// injection (CVE-2011-0411). smtp-server retires the parser that holds those lines without
// reading it; the receiver reads it out instead, so the trace can name what was discarded and
// the injection lab's vulnerable mode can execute it as those servers did.

import type { SMTPServer } from 'smtp-server';
import { rawOf, type DecodedEvent } from '../../protocol/decoded-event.ts';
import { clip, displayText } from '../../protocol/text-escape.ts';
import { findConnection, type ConnectionInternals } from './connection-internals.ts';

// A client can pipeline a lot; the trace needs only the first lines.
const MAX_LINES = 100;
const MAX_OCTETS = 64 * 1024;

export interface StarttlsBuffer {
  /** The command lines received in plaintext after STARTTLS; stops collecting. */
  take(): { lines: Buffer[]; octets: number; dropped: number };
}

/** Starts reading out, at each STARTTLS of this session, the lines its old parser still holds. */
export function watchStarttlsBuffer(server: SMTPServer, sessionId: string): StarttlsBuffer | null {
  const conn = findConnection(server, sessionId);
  if (!conn || typeof conn.upgrade !== 'function') return null;
  const lines: Buffer[] = [];
  let octets = 0;
  let dropped = 0;
  let open = false;
  const original = conn.upgrade;
  conn.upgrade = function collecting(this: ConnectionInternals, callback: () => void, secureCallback?: () => void) {
    const retired = this._parser;
    const result = original.call(this, callback, secureCallback);
    if (retired && retired !== this._parser) {
      // The retired parser hands its lines to this collector only: nothing it holds can reach
      // the command dispatcher, which is the fix smtp-server made.
      retired.oncommand = (command: Buffer, next?: () => void) => {
        if (open && lines.length < MAX_LINES && octets + command.length <= MAX_OCTETS) {
          lines.push(Buffer.from(command));
          octets += command.length + 2;
        } else if (open) dropped++;
        next?.();
      };
      // An over-long line there must not close the session: it is discarded like the rest.
      retired.removeAllListeners('error');
      retired.on('error', () => {});
      open = true;
      retired.isClosed = false;
    }
    return result;
  };
  return {
    take() {
      open = false;
      const taken = { lines: lines.splice(0), octets, dropped };
      octets = 0;
      dropped = 0;
      return taken;
    },
  };
}

/** Runs the lines through the session's command dispatcher one after another, then calls done. */
export function executeInsideTls(server: SMTPServer, sessionId: string, lines: Buffer[], done: () => void): void {
  const conn = findConnection(server, sessionId);
  if (!conn) return done();
  let i = 0;
  const next = () => {
    if (i >= lines.length) return done();
    conn._onCommand(lines[i++], next);
  };
  next();
}

/** The trace row saying what became of those lines at this receiver. */
export function starttlsBufferRow(hostname: string, action: 'discarded' | 'executed', lines: Buffer[], dropped: number): DecodedEvent {
  const commands = lines.map((line) => displayText(line).text);
  const more = dropped ? ` and ${dropped} more` : '';
  const shown = clip(commands.join(' | '), 120);
  return {
    layer: 'smtp',
    dir: 'none',
    raw: rawOf(Buffer.concat(lines.map((line) => Buffer.concat([line, Buffer.from('\r\n')])))),
    summary:
      action === 'discarded'
        ? `${hostname} discarded ${commands.length} command line(s)${more} sent in plaintext after STARTTLS: ${shown}`
        : `${hostname} executed inside TLS ${commands.length} command line(s)${more} sent in plaintext before the handshake: ${shown} (CVE-2011-0411)`,
    detail: { kind: 'starttls-buffer', action, commands, dropped, by: hostname },
    visibility: 'plaintext',
    rule: 'RFC 3207 §6',
  };
}
