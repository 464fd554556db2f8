// The attacker's own reading of one SMTP connection: the same sans-IO decoder the trace uses,
// fed the bytes as they pass. It tells the attack where it is in the dialogue (before or after
// STARTTLS, which command a line is), counts what was readable, and feeds the knowledge.

import type { DecodedEvent, WireDir } from '../../protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../../protocol/smtp-flow-decoder.ts';

export interface WatchSink {
  rows(rows: DecodedEvent[]): void;
  bytes(plaintext: number, encrypted: number): void;
  /** STARTTLS succeeded: from here on the connection carries TLS records. */
  tlsStarted(): void;
}

export class SmtpWatch {
  private readonly decoder: SmtpFlowDecoder;

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
    const wasTls = this.inTls;
    let rows: DecodedEvent[] = [];
    try {
      rows = this.decoder.feed(dir, chunk);
    } catch {
      // A decoder error costs the attacker its reading of these bytes, never the bytes themselves.
    }
    // The chunk that ends with the 220 to STARTTLS is still plaintext.
    if (wasTls) this.sink.bytes(0, chunk.length);
    else this.sink.bytes(chunk.length, 0);
    this.sink.rows(rows);
    if (!wasTls && this.inTls) this.sink.tlsStarted();
    return rows;
  }

  /**
   * Feeds the chunk one line at a time and calls back after each piece with the rows it made,
   * so an attack knows the exact octet where, say, the STARTTLS command ends.
   */
  feedLines(dir: WireDir, chunk: Buffer, onPiece: (start: number, end: number, rows: DecodedEvent[]) => void): void {
    let start = 0;
    while (start < chunk.length) {
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

/** The command row of this verb among the rows, if any. */
export function commandIn(rows: DecodedEvent[], verb: string): DecodedEvent | undefined {
  return rows.find((r) => r.layer === 'smtp' && r.detail.kind === 'command' && r.detail.verb === verb);
}

/** The reply row answering this verb among the rows, if any. */
export function replyTo(rows: DecodedEvent[], verb: string): DecodedEvent | undefined {
  return rows.find((r) => r.layer === 'smtp' && r.detail.kind === 'reply' && r.detail.inReplyTo === verb);
}
