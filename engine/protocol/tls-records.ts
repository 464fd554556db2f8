// TLS record layer framing (RFC 8446 §5.1, RFC 5246 §6.2), sans-IO: bytes of one direction
// go in, whole records come out, however the bytes were split into chunks.

export const CT_CHANGE_CIPHER_SPEC = 20;
export const CT_ALERT = 21;
export const CT_HANDSHAKE = 22;
export const CT_APPLICATION_DATA = 23;
export const CT_HEARTBEAT = 24;

const HEADER = 5;
// RFC 5246 §6.2.3 allows 2^14 + 2048 octets of ciphertext; RFC 8446 §5.2 less.
export const MAX_RECORD_LENGTH = (1 << 14) + 2048;

export interface TlsRecord {
  contentType: number;
  /** legacy_record_version, e.g. 0x0301 on a TLS 1.3 ClientHello. */
  version: number;
  fragment: Buffer;
  /** Header and fragment as they were on the wire. */
  raw: Buffer;
}

export interface NotTls {
  reason: string;
  /** Every byte from the first one that did not parse, up to the end of this chunk. */
  bytes: Buffer;
}

export interface TlsReadResult {
  records: TlsRecord[];
  /** Set once, when the stream stops looking like TLS; later chunks come back here too. */
  notTls?: NotTls;
}

const contentTypeKnown = (t: number) => t >= CT_CHANGE_CIPHER_SPEC && t <= CT_HEARTBEAT;

export class TlsRecordReader {
  private pending: Buffer = Buffer.alloc(0);
  private failed = false;

  get buffered(): number {
    return this.pending.length;
  }

  /** True after the stream stopped parsing as TLS; everything since is opaque. */
  get isFailed(): boolean {
    return this.failed;
  }

  push(chunk: Buffer): TlsReadResult {
    if (this.failed) return { records: [], notTls: { reason: 'not TLS', bytes: chunk } };
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const records: TlsRecord[] = [];
    let pos = 0;
    while (buf.length - pos >= HEADER) {
      const contentType = buf[pos];
      const version = buf.readUInt16BE(pos + 1);
      const length = buf.readUInt16BE(pos + 3);
      const reason = !contentTypeKnown(contentType)
        ? `content type ${contentType} is not a TLS record type`
        : version >> 8 !== 3
          ? `record version 0x${version.toString(16).padStart(4, '0')} is not TLS`
          : length > MAX_RECORD_LENGTH
            ? `record length ${length} exceeds ${MAX_RECORD_LENGTH}`
            : null;
      if (reason) {
        this.failed = true;
        this.pending = Buffer.alloc(0);
        return { records, notTls: { reason, bytes: buf.subarray(pos) } };
      }
      if (buf.length - pos < HEADER + length) break;
      const raw = buf.subarray(pos, pos + HEADER + length);
      records.push({ contentType, version, fragment: raw.subarray(HEADER), raw });
      pos += HEADER + length;
    }
    this.pending = Buffer.from(buf.subarray(pos));
    return { records };
  }

  /** Whatever is left at connection close: a record that never completed. */
  takePending(): Buffer {
    const out = this.pending;
    this.pending = Buffer.alloc(0);
    return out;
  }
}
