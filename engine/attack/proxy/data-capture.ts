// The message after DATA + 354 as the attacker keeps it, sans-IO: its end found with a plain
// search for CRLF.CRLF (RFC 5321 §4.1.1.4), however the chunks fall, and its first octets
// kept. Reading a body line by line is what costs on a large message; the attacker only needs
// to know where it ends and what it says.

import { MAX_RAW_BYTES } from '../../protocol/decoded-event.ts';

const END = Buffer.from('\r\n.\r\n');

export class DataCapture {
  // The start of the data counts as just after a line end: "." CRLF at once is an empty message.
  private tail: Buffer = Buffer.from('\r\n');
  private readonly kept: Buffer[] = [];
  private keptOctets = 0;
  /** Octets of the message on the wire so far, the end-of-data line included once found. */
  total = 0;

  /** Takes a chunk of the data; returns the offset just after the end-of-data line, or -1. */
  push(chunk: Buffer): number {
    const joint = Buffer.concat([this.tail, chunk.subarray(0, END.length)]);
    const atJoint = joint.indexOf(END);
    let end = -1;
    if (atJoint >= 0) end = atJoint + END.length - this.tail.length;
    else {
      const inside = chunk.indexOf(END);
      if (inside >= 0) end = inside + END.length;
    }
    const taken = end < 0 ? chunk : chunk.subarray(0, end);
    this.keep(taken);
    // Only the last octets can begin an end line split over chunks: never copy the whole chunk for them.
    if (end < 0) this.tail = Buffer.concat([this.tail, taken.subarray(-(END.length - 1))]).subarray(-(END.length - 1));
    return end;
  }

  /** The message as it was on the wire (dot-stuffed, end line included), up to the raw cap. */
  wire(): Buffer {
    return Buffer.concat(this.kept);
  }

  private keep(bytes: Buffer): void {
    this.total += bytes.length;
    const room = MAX_RAW_BYTES - this.keptOctets;
    if (room <= 0) return;
    const part = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.kept.push(Buffer.from(part));
    this.keptOctets += part.length;
  }
}
