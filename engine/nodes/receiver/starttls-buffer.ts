// RFC 3207 §6: what a client pipelined after STARTTLS arrived in plaintext and must be
// discarded once TLS is up; servers that executed it inside the TLS session were open to command
// injection (CVE-2011-0411). smtp-server retires the parser that holds those lines without
// reading it; the receiver reads it out instead, so the trace can name what was discarded and
// the injection lab's vulnerable mode can execute it as those servers did.

import type { SMTPServer } from 'smtp-server';
import { english, text } from '../../../common/i18n/text.ts';
import type { StarttlsBufferDetail } from '../../../common/trace-details-wire.ts';
import { rawOf, type DecodedEvent } from '../../protocol/decoded-event.ts';
import { clip, displayText } from '../../protocol/text-escape.ts';
import { dispatchCommands, readRetiredParser } from './smtp-server-internals.ts';

// A client can pipeline a lot; the trace needs only the first lines.
const MAX_LINES = 100;
const MAX_OCTETS = 64 * 1024;

export interface StarttlsBuffer {
  /** The command lines received in plaintext after STARTTLS; stops collecting. */
  take(): { lines: Buffer[]; octets: number; dropped: number };
}

/** Starts reading out, at each STARTTLS of this session, the lines its old parser still holds. */
export function watchStarttlsBuffer(server: SMTPServer, sessionId: string): StarttlsBuffer | null {
  const lines: Buffer[] = [];
  let octets = 0;
  let dropped = 0;
  let open = false;
  const reading = readRetiredParser(server, sessionId, {
    retired: () => {
      open = true;
    },
    line: (command) => {
      if (!open) return;
      if (lines.length < MAX_LINES && octets + command.length <= MAX_OCTETS) {
        lines.push(Buffer.from(command));
        octets += command.length + 2;
      } else dropped++;
    },
  });
  if (!reading) return null;
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
  dispatchCommands(server, sessionId, lines, done);
}

/** The trace row saying what became of those lines at this receiver. */
export function starttlsBufferRow(hostname: string, action: 'discarded' | 'executed', lines: Buffer[], dropped: number): DecodedEvent {
  const commands = lines.map((line) => displayText(line).text);
  const shown = clip(commands.join(' | '), 120);
  const params = { host: hostname, count: commands.length, commands: shown, more: dropped };
  const summaryText =
    action === 'discarded' ? text(dropped ? 'receiver.bufferDiscardedMore' : 'receiver.bufferDiscarded', params) : text(dropped ? 'receiver.bufferExecutedMore' : 'receiver.bufferExecuted', params);
  return {
    layer: 'smtp',
    dir: 'none',
    raw: rawOf(Buffer.concat(lines.map((line) => Buffer.concat([line, Buffer.from('\r\n')])))),
    summary: english(summaryText),
    detail: { kind: 'starttls-buffer', action, commands, dropped, by: hostname, summaryText } satisfies StarttlsBufferDetail,
    visibility: 'plaintext',
    rule: 'RFC 3207 §6',
  };
}
