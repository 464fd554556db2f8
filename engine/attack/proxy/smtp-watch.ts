// The attacker's own reading of one SMTP connection: the same sans-IO decoder the trace uses,
// fed the bytes as they pass. It tells the attack where it is in the dialogue (before or after
// STARTTLS, which command a line is), counts what was readable, and feeds the knowledge.

import { english, text } from '../../../common/i18n/text.ts';
import { smtpDetail, type SmtpDataDetail } from '../../../common/trace-details-wire.ts';
import { rawOf, type DecodedEvent, type WireDir } from '../../protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../../protocol/smtp-flow-decoder.ts';
import { DataCapture } from './data-capture.ts';

const END_OF_DATA = Buffer.from('.\r\n');

export interface WatchSink {
  rows(rows: DecodedEvent[]): void;
  bytes(plaintext: number, encrypted: number): void;
  /** STARTTLS succeeded: from here on the connection carries TLS records. */
  tlsStarted(): void;
}

export class SmtpWatch {
  private readonly decoder: SmtpFlowDecoder;
  /** Set between 354 and the end of the message: the body is read by DataCapture, not line by line. */
  private data: DataCapture | null = null;

  /** insideTls: the bytes are the plaintext of a TLS session the attacker itself ended. */
  constructor(
    private readonly sink: WatchSink,
    options: { insideTls?: boolean } = {},
  ) {
    this.decoder = new SmtpFlowDecoder({ insideTls: options.insideTls === true });
  }

  get inTls(): boolean {
    return this.decoder.tls !== null;
  }

  feed(dir: WireDir, chunk: Buffer): DecodedEvent[] {
    if (chunk.length === 0) return [];
    if (dir === 'c2s' && this.data) {
      const { consumed, rows } = this.feedData(chunk);
      return consumed === chunk.length ? rows : [...rows, ...this.feed(dir, chunk.subarray(consumed))];
    }
    const wasTls = this.inTls;
    const rows = this.decode(dir, chunk);
    // The chunk that ends with the 220 to STARTTLS is still plaintext.
    if (wasTls) this.sink.bytes(0, chunk.length);
    else this.sink.bytes(chunk.length, 0);
    this.sink.rows(rows);
    if (!wasTls && this.inTls) this.sink.tlsStarted();
    // 354 to DATA, and the message not already read (a client that did not wait): the body follows.
    if (replyTo(rows, 'DATA', 354) && !rows.some((r) => smtpDetail(r)?.kind === 'data')) {
      this.data = new DataCapture();
    }
    return rows;
  }

  private decode(dir: WireDir, bytes: Buffer): DecodedEvent[] {
    try {
      return this.decoder.feed(dir, bytes);
    } catch {
      // A decoder error costs the attacker its reading of these bytes, never the bytes themselves.
      return [];
    }
  }

  /** Message octets up to the end-of-data line; the decoder is then told only that the message ended. */
  private feedData(chunk: Buffer): { consumed: number; rows: DecodedEvent[] } {
    const capture = this.data!;
    const end = capture.push(chunk);
    const consumed = end < 0 ? chunk.length : end;
    this.sink.bytes(consumed, 0);
    if (end < 0) return { consumed, rows: [] };
    this.data = null;
    const rows = this.decode('c2s', END_OF_DATA).map((row) => capturedRow(row, capture));
    this.sink.rows(rows);
    return { consumed, rows };
  }

  /**
   * Feeds the chunk one line at a time and calls back after each piece with the rows it made,
   * so an attack knows the exact octet where, say, the STARTTLS command ends.
   */
  feedLines(dir: WireDir, chunk: Buffer, onPiece: (start: number, end: number, rows: DecodedEvent[]) => void): void {
    let start = 0;
    while (start < chunk.length) {
      if (dir === 'c2s' && this.data) {
        // A message body holds no commands: up to its end in one piece.
        const { consumed, rows } = this.feedData(chunk.subarray(start));
        onPiece(start, start + consumed, rows);
        start += consumed;
        continue;
      }
      const lf = chunk.indexOf(0x0a, start);
      const end = lf < 0 ? chunk.length : lf + 1;
      onPiece(start, end, this.feed(dir, chunk.subarray(start, end)));
      start = end;
    }
  }

  finish(): void {
    try {
      this.sink.rows(this.decoder.finish());
    } catch {
      // What was left half-read at close teaches the attacker nothing more.
    }
  }
}

/** The decoder's row for a message it saw end only: the octets are the ones the capture kept. Other rows as they are. */
function capturedRow(row: DecodedEvent, capture: DataCapture): DecodedEvent {
  const message = smtpDetail(row);
  if (message?.kind !== 'data') return row;
  // Whatever the decoder read itself (a body sent before 354) comes first; its end line is the capture's.
  const early = row.raw ? Buffer.from(row.raw, 'base64').subarray(0, -END_OF_DATA.length) : Buffer.alloc(0);
  const wire = Buffer.concat([early, capture.wire()]);
  const size = early.length + capture.total;
  const summaryText = text('row.messageOctets', { size });
  const detail: SmtpDataDetail = { ...message, complete: true, size, ...(size > wire.length ? { rawTruncated: true, rawOctets: size } : {}), summaryText };
  return { ...row, raw: rawOf(wire), summary: english(summaryText), detail };
}

/** The command row of this verb among the rows, if any. */
export function commandIn(rows: DecodedEvent[], verb: string): DecodedEvent | undefined {
  return rows.find((r) => {
    const d = smtpDetail(r);
    return d?.kind === 'command' && d.verb === verb;
  });
}

/** The reply row answering this verb (with this code, when given) among the rows, if any. */
export function replyTo(rows: DecodedEvent[], verb: string, code?: number): DecodedEvent | undefined {
  return rows.find((r) => {
    const d = smtpDetail(r);
    return d?.kind === 'reply' && d.inReplyTo === verb && (code === undefined || d.code === code);
  });
}
