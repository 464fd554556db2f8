// TLS record layer framing (RFC 8446 §5.1, RFC 5246 §6.2), sans-IO: bytes of one direction
// go in, whole records come out, however the bytes were split into chunks.
import { said, text, type Text } from '../../common/i18n/text.ts';

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
  reasonText?: Text;
  /** Every byte from the first one that did not parse, up to the end of this chunk or the next record. */
  bytes: Buffer;
  /** These bytes continue non-TLS bytes handed out by an earlier push. */
  continued?: boolean;
}

/** One piece of the stream, in wire order. */
export type TlsReadPart = { record: TlsRecord } | { notTls: NotTls };

export interface TlsReadResult {
  records: TlsRecord[];
  /** The first non-TLS bytes of this push; without resync every later chunk comes back here too. */
  notTls?: NotTls;
  /** Records and non-TLS bytes in the order they were on the wire. */
  parts: TlsReadPart[];
}

export interface TlsReaderOptions {
  /**
   * After bytes that are not TLS, look for the next plausible record header and go on from
   * there instead of giving up on the rest of the stream.
   */
  resync?: boolean;
}

export interface RecordStart {
  at: number;
  /** The bytes from `at` to the end are too few to decide yet, but could begin a record. */
  partial: boolean;
}

const contentTypeKnown = (t: number) => t >= CT_CHANGE_CIPHER_SPEC && t <= CT_HEARTBEAT;

// A header worth resynchronising on (RFC 8446 §5.1): content type 20-23, record version
// 0x0301-0x0304 and a non-empty fragment within the limit. An opening record (the first a
// peer sends) is a handshake record carrying a ClientHello or ServerHello, or an alert.
const RESYNC_MIN_TYPE = CT_CHANGE_CIPHER_SPEC;
const RESYNC_MAX_TYPE = CT_APPLICATION_DATA;
const HT_CLIENT_HELLO = 1;
const HT_SERVER_HELLO = 2;

function headerFitsAt(buf: Buffer, at: number, opening: boolean): boolean | 'partial' {
  const type = buf[at];
  if (type < RESYNC_MIN_TYPE || type > RESYNC_MAX_TYPE) return false;
  if (opening && type !== CT_HANDSHAKE && type !== CT_ALERT) return false;
  if (at + 1 >= buf.length) return 'partial';
  if (buf[at + 1] !== 3) return false;
  if (at + 2 >= buf.length) return 'partial';
  if (buf[at + 2] < 1 || buf[at + 2] > 4) return false;
  if (at + HEADER > buf.length) return 'partial';
  const length = buf.readUInt16BE(at + 3);
  if (length === 0 || length > MAX_RECORD_LENGTH) return false;
  if (!opening) return true;
  if (type === CT_ALERT) return length === 2;
  if (at + HEADER >= buf.length) return 'partial';
  const handshakeType = buf[at + HEADER];
  return handshakeType === HT_CLIENT_HELLO || handshakeType === HT_SERVER_HELLO;
}

/**
 * The first offset from `from` where a plausible TLS record begins (RFC 8446 §5.1), or null.
 * `opening`: only a hello or an alert, the records a peer can start its side of TLS with.
 */
export function findRecordStart(buf: Buffer, from = 0, opening = false): RecordStart | null {
  for (let at = from; at < buf.length; at++) {
    const fits = headerFitsAt(buf, at, opening);
    if (fits) return { at, partial: fits === 'partial' };
  }
  return null;
}

export class TlsRecordReader {
  private pending: Buffer = Buffer.alloc(0);
  private failed = false;
  private failedReason: Text = text('decode.notTls');
  private readonly resync: boolean;

  constructor(options: TlsReaderOptions = {}) {
    this.resync = options.resync ?? false;
  }

  get buffered(): number {
    return this.pending.length;
  }

  /** True while the stream does not parse as TLS: for good, or until a record header turns up (resync). */
  get isFailed(): boolean {
    return this.failed;
  }

  push(chunk: Buffer): TlsReadResult {
    if (this.failed && !this.resync) return done([{ notTls: { ...said(text('decode.notTls')), bytes: chunk, continued: true } }]);
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const parts: TlsReadPart[] = [];
    let pos = 0;
    let continued = this.failed;
    for (;;) {
      if (this.failed) {
        const found = findRecordStart(buf, pos);
        const end = found ? found.at : buf.length;
        if (end > pos) parts.push({ notTls: { ...said(this.failedReason), bytes: buf.subarray(pos, end), ...(continued ? { continued } : {}) } });
        pos = end;
        if (!found || found.partial) break;
        this.failed = false;
      }
      if (buf.length - pos < HEADER) break;
      const contentType = buf[pos];
      const version = buf.readUInt16BE(pos + 1);
      const length = buf.readUInt16BE(pos + 3);
      const reason = !contentTypeKnown(contentType)
        ? text('decode.notRecordType', { type: contentType })
        : version >> 8 !== 3
          ? text('decode.notTlsVersion', { version: `0x${version.toString(16).padStart(4, '0')}` })
          : length > MAX_RECORD_LENGTH
            ? text('decode.recordTooLong', { length, limit: MAX_RECORD_LENGTH })
            : null;
      if (reason) {
        this.failed = true;
        this.failedReason = reason;
        continued = false;
        if (this.resync) continue;
        this.pending = Buffer.alloc(0);
        parts.push({ notTls: { ...said(reason), bytes: buf.subarray(pos) } });
        return done(parts);
      }
      if (buf.length - pos < HEADER + length) break;
      const raw = buf.subarray(pos, pos + HEADER + length);
      parts.push({ record: { contentType, version, fragment: raw.subarray(HEADER), raw } });
      pos += HEADER + length;
    }
    this.pending = Buffer.from(buf.subarray(pos));
    return done(parts);
  }

  /** Whatever is left at connection close: a record that never completed. */
  takePending(): Buffer {
    const out = this.pending;
    this.pending = Buffer.alloc(0);
    return out;
  }
}

function done(parts: TlsReadPart[]): TlsReadResult {
  const records: TlsRecord[] = [];
  let notTls: NotTls | undefined;
  for (const part of parts) {
    if ('record' in part) records.push(part.record);
    else notTls ??= part.notTls;
  }
  return { records, parts, ...(notTls ? { notTls } : {}) };
}
