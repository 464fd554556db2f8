// The message a client sends after DATA + 354, up to the line "." (RFC 5321 §4.1.1.4),
// scanned line by line without keeping more than the row's raw bytes.

import { isUtf8 } from 'node:buffer';
import { english, text, type Text } from '../../common/i18n/text.ts';
import type { SmtpDataDetail } from '../../common/trace-details-wire.ts';
import { MAX_RAW_BYTES } from './decoded-event.ts';
import type { WireLine } from './line-splitter.ts';
import { decodeHeaderValue } from './mime-words.ts';
import { clip } from './text-escape.ts';
import { wireNotes } from './wire-notes.ts';

// RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets including CRLF.
export const TEXT_LINE_LIMIT = 1000;
const MAX_SUBJECT = 2000;

export interface DataSummary {
  raw: Buffer;
  summary: string;
  detail: SmtpDataDetail;
  rule?: string;
}

export class DataScanner {
  private raws: Buffer[] = [];
  private rawOctets = 0;
  private rawTotal = 0;
  private size = 0;
  private lines = 0;
  private inHeaders = true;
  private headerFields = 0;
  private currentHeader: string | null = null;
  private subject: string | null = null;
  private dotStuffed = 0;
  private bareLf = 0;
  private bareLfDot = 0;
  private longLines = 0;
  private maxLineLength = 0;
  private nonUtf8 = false;
  /** Octets of the current line already taken as pieces without an LF (addPiece). */
  private partialLength = 0;

  /**
   * Feeds whole lines in bulk (the block ends with LF) up to the end-of-data line "." CRLF
   * (RFC 5321 §4.1.1.4): returns where that line starts, or -1 when the block holds none. The
   * same counts as addLine without an object per line, and the end found in the same pass: a
   * large message is searched for line ends once.
   */
  addLinesUntilEnd(block: Buffer): number {
    let pos = 0;
    let end = -1;
    while (pos < block.length) {
      const continued = this.partialLength > 0;
      if (!continued && block[pos] === 0x2e && block[pos + 1] === 0x0d && block[pos + 2] === 0x0a) {
        end = pos;
        break;
      }
      let lf = block.indexOf(0x0a, pos);
      if (lf < 0) lf = block.length - 1;
      const crlf = lf > pos && block[lf - 1] === 0x0d;
      const length = lf + 1 - pos;
      if (!crlf) this.bareLf++;
      if (!continued) {
        this.lines++;
        if (!crlf && lf - pos === 1 && block[pos] === 0x2e) this.bareLfDot++;
      }
      // RFC 5321 §4.5.2: the receiver drops the first "." of a line that starts with one.
      const stuffed = !continued && block[pos] === 0x2e;
      if (stuffed) this.dotStuffed++;
      this.size += length - (stuffed ? 1 : 0);
      const lineLength = this.partialLength + length;
      if (lineLength > this.maxLineLength) this.maxLineLength = lineLength;
      if (lineLength > TEXT_LINE_LIMIT) this.longLines++;
      if (!continued && this.inHeaders) this.headerLine(block.subarray(pos, crlf ? lf - 1 : lf));
      this.partialLength = 0;
      pos = lf + 1;
    }
    const lines = end < 0 ? block : block.subarray(0, end);
    if (lines.length > 0) {
      this.keepRaw(lines);
      // LF is never inside a UTF-8 sequence, so whole lines check as one block.
      if (!this.nonUtf8 && !isUtf8(lines)) this.nonUtf8 = true;
    }
    return end;
  }

  /** Feeds the start (or more) of a line too long to wait for its LF. */
  addPiece(piece: Buffer): void {
    if (piece.length === 0) return;
    this.keepRaw(piece);
    if (!this.nonUtf8 && !isUtf8(piece)) this.nonUtf8 = true;
    const stuffed = this.partialLength === 0 && piece[0] === 0x2e;
    if (this.partialLength === 0) {
      this.lines++;
      if (stuffed) this.dotStuffed++;
      if (this.inHeaders) this.headerLine(piece);
    }
    this.size += piece.length - (stuffed ? 1 : 0);
    this.partialLength += piece.length;
  }

  /** The end line "." CRLF itself, kept in the row's raw bytes. */
  addEndLine(line: Buffer): void {
    this.keepRaw(line);
  }

  /** Feeds one line piece; true when it was the end-of-data line "." CRLF. */
  addLine(given: WireLine): boolean {
    // A line begun with addPiece continues here.
    const line = this.partialLength > 0 && !given.continued ? { ...given, continued: true, lineLength: this.partialLength + given.lineLength } : given;
    if (!line.partial) this.partialLength = 0;
    this.keepRaw(line.bytes);
    if (!line.continued && !line.partial && line.ending === 'crlf' && line.content.length === 1 && line.content[0] === 0x2e) return true;
    if (line.ending === 'lf') this.bareLf++;
    if (!line.continued) {
      this.lines++;
      if (line.ending === 'lf' && line.content.length === 1 && line.content[0] === 0x2e) this.bareLfDot++;
    }
    // RFC 5321 §4.5.2: the receiver drops the first "." of a line that starts with one.
    const stuffed = !line.continued && line.content[0] === 0x2e;
    if (stuffed) this.dotStuffed++;
    this.size += line.bytes.length - (stuffed ? 1 : 0);
    if (!line.partial) {
      this.maxLineLength = Math.max(this.maxLineLength, line.lineLength);
      if (line.lineLength > TEXT_LINE_LIMIT) this.longLines++;
    }
    if (!line.continued && this.inHeaders) this.headerLine(line.content);
    if (!this.nonUtf8 && !isUtf8(line.content)) this.nonUtf8 = true;
    return false;
  }

  result(complete: boolean): DataSummary {
    this.endHeader();
    const subject = this.subject === null ? null : clip(decodeHeaderValue(this.subject).trim(), 300);
    const message = text(complete ? 'row.message' : 'row.messageCut', { size: this.size, lines: this.lines });
    const summaryText = subject !== null ? text('row.messageSubject', { message, subject }) : message;
    const notes: Text[] = [];
    if (this.bareLf) notes.push(text('wire.dataBareLf', { count: this.bareLf }));
    if (this.bareLfDot) notes.push(text('wire.dataBareLfDot'));
    if (this.longLines) notes.push(text('wire.dataLongLines', { count: this.longLines, limit: TEXT_LINE_LIMIT }));
    return {
      raw: Buffer.concat(this.raws),
      summary: clip(english(summaryText), 240),
      detail: {
        kind: 'data',
        complete,
        size: this.size,
        lines: this.lines,
        subject,
        headerFields: this.headerFields,
        dotStuffedLines: this.dotStuffed,
        bareLfLines: this.bareLf,
        longLines: this.longLines,
        maxLineLength: this.maxLineLength,
        nonUtf8: this.nonUtf8,
        ...(this.rawTotal > this.rawOctets ? { rawTruncated: true, rawOctets: this.rawTotal } : {}),
        ...wireNotes(notes),
        summaryText,
      },
      ...(this.longLines ? { rule: 'RFC 5321 §4.5.3.1.6' } : this.bareLf ? { rule: 'RFC 5321 §2.3.8' } : {}),
    };
  }

  private keepRaw(bytes: Buffer): void {
    this.rawTotal += bytes.length;
    const room = MAX_RAW_BYTES - this.rawOctets;
    if (room <= 0) return;
    // A view, not a copy: the line splitter never writes into a buffer it handed out.
    const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.raws.push(kept);
    this.rawOctets += kept.length;
  }

  private headerLine(content: Buffer): void {
    if (content.length === 0) {
      this.endHeader();
      this.inHeaders = false;
      return;
    }
    const text = content.toString('utf8');
    if (text[0] === ' ' || text[0] === '\t') {
      if (this.currentHeader !== null && this.currentHeader.length < MAX_SUBJECT) this.currentHeader += `\n${text}`;
      return;
    }
    this.endHeader();
    this.headerFields++;
    if (/^subject\s*:/i.test(text)) this.currentHeader = text.replace(/^subject\s*:\s*/i, '');
  }

  private endHeader(): void {
    if (this.currentHeader !== null && this.subject === null) this.subject = this.currentHeader;
    this.currentHeader = null;
  }
}
