// One direction of a connection right after STARTTLS + 220, sans-IO: separates plaintext sent
// before that side's first TLS record from the records themselves, however the bytes were
// split. RFC 3207 §6: such plaintext must be discarded by the peer; a man in the middle can
// put it there (a fake reply appended to the 220, say), so it is shown, not taken for TLS.

import { findRecordStart } from './tls-records.ts';

export interface PlaintextSplit {
  /** Bytes before the first TLS record: never protected, whoever sent them. */
  plaintext: Buffer;
  /** The TLS stream from its first record on, once it began. */
  tls: Buffer;
}

export class PlaintextBeforeTls {
  private pending: Buffer = Buffer.alloc(0);
  private tlsStarted = false;

  get started(): boolean {
    return this.tlsStarted;
  }

  push(chunk: Buffer): PlaintextSplit {
    if (this.tlsStarted) return { plaintext: Buffer.alloc(0), tls: chunk };
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    // The first record a peer sends is its hello or an alert (RFC 8446 §4.1, §6).
    const start = findRecordStart(buf, 0, true);
    if (!start) {
      this.pending = Buffer.alloc(0);
      return { plaintext: buf, tls: Buffer.alloc(0) };
    }
    if (start.partial) {
      this.pending = Buffer.from(buf.subarray(start.at));
      return { plaintext: buf.subarray(0, start.at), tls: Buffer.alloc(0) };
    }
    this.tlsStarted = true;
    this.pending = Buffer.alloc(0);
    return { plaintext: buf.subarray(0, start.at), tls: buf.subarray(start.at) };
  }

  /** At close: what was held back as the possible start of a record. */
  takePending(): Buffer {
    const out = this.pending;
    this.pending = Buffer.alloc(0);
    return out;
  }
}
