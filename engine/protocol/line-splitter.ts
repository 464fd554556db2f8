// Splits one direction of an SMTP byte stream into lines, however it was chunked. SMTP lines
// end with CRLF (RFC 5321 §2.3.8); a bare LF is reported, not hidden. A line that grows beyond
// maxPending without an LF is handed out in pieces so a peer cannot make us buffer forever.

export type LineEnding = 'crlf' | 'lf' | 'none';

export interface WireLine {
  /** The octets of this piece, terminator included. */
  bytes: Buffer;
  /** The octets without the terminator. */
  content: Buffer;
  ending: LineEnding;
  /** A piece of a line longer than maxPending: more of the same line follows. */
  partial: boolean;
  /** This piece continues a line handed out earlier as partial. */
  continued: boolean;
  /** Octets of the whole line so far, terminator included (grows across pieces). */
  lineLength: number;
}

export const DEFAULT_MAX_PENDING = 64 * 1024;

export class LineSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private inLongLine = false;
  private longLineLength = 0;

  constructor(private readonly maxPending = DEFAULT_MAX_PENDING) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
  }

  /** Octets buffered and not yet handed out. */
  get buffered(): number {
    return this.buf.length - this.pos;
  }

  /** The next line, or null when only an unterminated remainder is buffered. */
  next(): WireLine | null {
    const lf = this.buf.indexOf(0x0a, this.pos);
    if (lf < 0) {
      if (this.buf.length - this.pos < this.maxPending) return null;
      return this.piece(this.pos + this.maxPending, 'none', true);
    }
    const crlf = lf > this.pos && this.buf[lf - 1] === 0x0d;
    return this.piece(lf + 1, crlf ? 'crlf' : 'lf', false);
  }

  /** Hands out the buffered remainder (e.g. bytes after STARTTLS) and forgets it. */
  takeRest(): Buffer {
    const rest = Buffer.from(this.buf.subarray(this.pos));
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    return rest;
  }

  /**
   * Hands out the buffered remainder as a view and forgets it: for a reader that takes the
   * stream in bulk (a DATA body). Safe because push() never writes into a buffer it handed out.
   */
  takeRestView(): Buffer {
    const rest = this.buf.subarray(this.pos);
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    return rest;
  }

  /** At close: the unterminated remainder as a last line, if any. */
  flush(): WireLine | null {
    if (this.pos >= this.buf.length) return null;
    return this.piece(this.buf.length, 'none', false);
  }

  private piece(end: number, ending: LineEnding, partial: boolean): WireLine {
    const bytes = this.buf.subarray(this.pos, end);
    this.pos = end;
    const terminator = ending === 'crlf' ? 2 : ending === 'lf' ? 1 : 0;
    const continued = this.inLongLine;
    this.longLineLength = (continued ? this.longLineLength : 0) + bytes.length;
    this.inLongLine = partial;
    if (this.pos >= this.buf.length) {
      this.buf = Buffer.alloc(0);
      this.pos = 0;
    }
    return {
      bytes,
      content: bytes.subarray(0, bytes.length - terminator),
      ending,
      partial,
      continued,
      lineLength: this.longLineLength,
    };
  }
}
