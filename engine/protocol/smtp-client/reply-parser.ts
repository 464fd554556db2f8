// Strict reader of server replies (RFC 5321 §4.2):
//   Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
// CRLF only (§2.3.8), every line of one reply carries the same code (§4.2.1), a line is at most
// 512 octets with its CRLF (§4.5.3.1.5). Anything else is a malformed reply, returned as a value.

import { said, text, type Text } from '../../../common/i18n/text.ts';
import { REPLY_LINE_LIMIT } from '../smtp-reply.ts';

// A server cannot make the client hold an unbounded reply in memory.
const MAX_REPLY_LINES = 200;

export interface ClientReply {
  code: number;
  /** Text after the code and separator, one entry per line. */
  lines: string[];
  /** RFC 3463 enhanced status code of the first line ("2.1.0"), when present. */
  enhancedStatus?: string;
  /** The reply as received, CRLFs included. */
  raw: Buffer;
}

export interface MalformedReply {
  /** The offending line as text (non-printables escaped). */
  line: string;
  rule: string;
  reason: string;
  reasonText: Text;
}

export type ParsedReply = { ok: true; reply: ClientReply } | { ok: false; error: MalformedReply };

const LINE = /^([2-5][0-5][0-9])(?:([ -])([\x20-\x7e\x80-\xff\t]*))?$/;
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?: |$)/;

function shown(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export class ReplyParser {
  private buffer = Buffer.alloc(0);
  private lines: { code: number; text: string }[] = [];
  private rawParts: Buffer[] = [];

  /** Bytes held that do not yet make a complete reply. */
  get pendingBytes(): number {
    return this.buffer.length + this.rawParts.reduce((n, b) => n + b.length, 0);
  }

  /** Takes what the server sent; replies come out of next(). */
  feed(chunk: Uint8Array): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
  }

  /** The next complete reply, a malformed-reply error, or null while a reply is still incomplete. */
  next(): ParsedReply | null {
    for (;;) {
      const lf = this.buffer.indexOf(0x0a);
      if (lf === -1) {
        if (this.buffer.length >= REPLY_LINE_LIMIT) return this.fail(this.buffer, 'RFC 5321 §4.5.3.1.5', text('decode.replyTooLong', { limit: REPLY_LINE_LIMIT }));
        return null;
      }
      const lineBytes = this.buffer.subarray(0, lf + 1);
      this.buffer = this.buffer.subarray(lf + 1);
      const parsed = this.line(lineBytes);
      if (parsed) return parsed;
    }
  }

  /** Drops what is buffered, returning how many bytes that was (RFC 3207 §6 discards them). */
  discard(): number {
    const n = this.pendingBytes;
    this.buffer = Buffer.alloc(0);
    this.lines = [];
    this.rawParts = [];
    return n;
  }

  private line(bytes: Buffer): ParsedReply | null {
    if (bytes.length > REPLY_LINE_LIMIT) return this.fail(bytes, 'RFC 5321 §4.5.3.1.5', text('decode.replyLineOver', { octets: bytes.length, limit: REPLY_LINE_LIMIT }));
    if (bytes.length < 2 || bytes[bytes.length - 2] !== 0x0d) return this.fail(bytes, 'RFC 5321 §2.3.8', text('decode.bareLf'));
    const body = bytes.subarray(0, bytes.length - 2);
    if (body.includes(0x0d)) return this.fail(bytes, 'RFC 5321 §2.3.8', text('decode.bareCr'));
    const match = LINE.exec(body.toString('latin1'));
    if (!match) return this.fail(bytes, 'RFC 5321 §4.2', text('decode.notReplyLine'));
    const code = Number(match[1]);
    if (this.lines.length > 0 && this.lines[0].code !== code) {
      return this.fail(bytes, 'RFC 5321 §4.2.1', text('decode.codeMismatch', { code, first: this.lines[0].code }));
    }
    this.lines.push({ code, text: Buffer.from(match[3] ?? '', 'latin1').toString('utf8') });
    this.rawParts.push(bytes);
    if (match[2] === '-') {
      if (this.lines.length >= MAX_REPLY_LINES) return this.fail(bytes, 'RFC 5321 §4.2.1', text('decode.tooManyLines', { limit: MAX_REPLY_LINES }));
      return null;
    }
    const lines = this.lines.map((l) => l.text);
    const raw = Buffer.concat(this.rawParts);
    this.lines = [];
    this.rawParts = [];
    const enhanced = ENHANCED.exec(lines[0]);
    return { ok: true, reply: { code, lines, raw, ...(enhanced ? { enhancedStatus: enhanced[1] } : {}) } };
  }

  private fail(bytes: Buffer, rule: string, reason: Text): ParsedReply {
    this.discard();
    return { ok: false, error: { line: shown(bytes), rule, ...said(reason) } };
  }
}
