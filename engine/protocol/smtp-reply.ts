// Server replies: "250-..." lines continue a reply, "250 ..." ends it (RFC 5321 §4.2.1).
// A multi-line reply becomes one trace row.

import { text, type Text } from '../../common/i18n/text.ts';
import type { WireLine } from './line-splitter.ts';
import { clip, displayText } from './text-escape.ts';

// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets including CRLF.
export const REPLY_LINE_LIMIT = 512;
const MAX_REPLY_LINES = 1000;

export interface SmtpReply {
  code: number | null;
  lines: string[];
  bytes: Buffer;
  /** A line that does not start with three digits (RFC 5321 §4.2). */
  malformed: boolean;
  /** More than MAX_REPLY_LINES continuation lines: handed out early. */
  truncated: boolean;
  bareLf: boolean;
  nonUtf8: boolean;
  tooLongLines: number;
  /** Continuation lines that carried a different code than the first one. */
  codeMismatch: boolean;
  /** Cut off by the close of the connection before its last line. */
  incomplete: boolean;
}

const REPLY_LINE = /^(\d{3})([ -]|$)/;

export class ReplyAssembler {
  private current: SmtpReply | null = null;
  /** The current reply's latest line had a space after the code: the reply ends with it. */
  private lastLine = false;

  /** True while a multi-line reply waits for its last line. */
  get inProgress(): boolean {
    return this.current !== null;
  }

  /** Adds one line; returns the reply when this line completed one. */
  add(line: WireLine): SmtpReply | null {
    if (line.continued) {
      if (this.current) this.current.bytes = Buffer.concat([this.current.bytes, line.bytes]);
      if (this.current && !line.partial && line.lineLength > REPLY_LINE_LIMIT) this.current.tooLongLines++;
      return line.partial ? null : this.finishIfLast(line);
    }
    const shown = displayText(line.content);
    const head = line.content.subarray(0, 4).toString('latin1');
    const match = REPLY_LINE.exec(head);
    const reply = this.current ?? this.fresh();
    reply.bytes = reply.bytes.length ? Buffer.concat([reply.bytes, line.bytes]) : Buffer.from(line.bytes);
    reply.lines.push(match ? shown.text.slice(4) : shown.text);
    reply.bareLf ||= line.ending === 'lf';
    reply.nonUtf8 ||= shown.nonUtf8;
    if (!line.partial && line.lineLength > REPLY_LINE_LIMIT) reply.tooLongLines++;
    if (!match) {
      reply.malformed = true;
      this.current = null;
      return reply;
    }
    const code = Number(match[1]);
    if (reply.code === null) reply.code = code;
    else if (reply.code !== code) reply.codeMismatch = true;
    this.current = reply;
    this.lastLine = match[2] !== '-';
    if (line.partial) return null;
    return this.finishIfLast(line);
  }

  /** At close: a reply whose last line never came. */
  flush(): SmtpReply | null {
    const reply = this.current;
    this.current = null;
    if (reply) reply.incomplete = true;
    return reply;
  }

  private finishIfLast(line: WireLine): SmtpReply | null {
    const reply = this.current;
    if (!reply) return null;
    if (this.lastLine || line.ending === 'none' || reply.lines.length >= MAX_REPLY_LINES) {
      if (!this.lastLine && reply.lines.length >= MAX_REPLY_LINES) reply.truncated = true;
      else if (!this.lastLine) reply.incomplete = true;
      this.current = null;
      return reply;
    }
    return null;
  }

  private fresh(): SmtpReply {
    return {
      code: null,
      lines: [],
      bytes: Buffer.alloc(0),
      malformed: false,
      truncated: false,
      bareLf: false,
      nonUtf8: false,
      tooLongLines: 0,
      codeMismatch: false,
      incomplete: false,
    };
  }
}

/** EHLO keywords (RFC 5321 §4.1.1.1), one per line after the greeting line. */
export function ehloExtensions(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => l.replace(/^\d\.\d{1,3}\.\d{1,3}\s+/, '').trim()).filter(Boolean);
}

/** The reply as it went (a string), or with the lab's words about it (a Text). */
export function summarizeReply(reply: SmtpReply, inReplyTo: string | null): Text | string {
  const code = reply.code === null ? '' : `${reply.code} `;
  const [first = '', ...rest] = reply.lines;
  if (reply.malformed && reply.code === null) return text('row.replyNotSmtp', { line: clip(first) });
  if (rest.length === 0) return clip(`${code}${first}`.trimEnd());
  if (inReplyTo === 'EHLO') {
    const listed = `${code}${first} · ${ehloExtensions(reply).join(', ')}`;
    if (listed.length <= 200) return listed;
  }
  return text('row.replyMore', { reply: clip(`${code}${first}`, 160), count: rest.length });
}
