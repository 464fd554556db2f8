/** A structure ended before the field being read: how many octets it needed and how many were left. */
export class TruncatedInput extends RangeError {
  constructor(
    readonly needed: number,
    readonly left: number,
  ) {
    super(`truncated: needed ${needed} octets, ${left} left`);
  }
}

/** Bounds-checked big-endian reader for TLS structures; reading past the end throws TruncatedInput. */
export class ByteReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (n > this.remaining) throw new TruncatedInput(n, this.remaining);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u24(): number {
    this.need(3);
    const v = this.buf.readUIntBE(this.pos, 3);
    this.pos += 3;
    return v;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A vector with a length prefix of 1, 2 or 3 octets (RFC 8446 §3.4). */
  vector(lengthOctets: 1 | 2 | 3): ByteReader {
    const len = lengthOctets === 1 ? this.u8() : lengthOctets === 2 ? this.u16() : this.u24();
    return new ByteReader(this.bytes(len));
  }
}
