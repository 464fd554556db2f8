// The ClientHello as the downgrade attacker handles it, sans-IO: read it out of the first
// records after STARTTLS (however they were chunked), and cap the versions it offers by
// editing supported_versions in place (RFC 8446 §4.2.1) or, without that extension, the
// legacy version (RFC 5246 §7.4.1.2). Lengths never change, so nothing else needs fixing;
// what cannot be hidden is the handshake transcript and, with TLS 1.3 servers, the
// downgrade sentinel (RFC 8446 §4.1.3).

import { text, type Text } from '../../../common/i18n/text.ts';
import { TruncatedInput } from '../../protocol/byte-reader.ts';
import { EXT_SUPPORTED_VERSIONS, parseClientHello, type ClientHelloInfo } from '../../protocol/tls-hello.ts';
import { isGrease, tlsVersionName } from '../../protocol/tls-names.ts';
import { CT_HANDSHAKE, TlsRecordReader } from '../../protocol/tls-records.ts';

export const VERSION_CODES: Record<string, number> = { TLSv1: 0x0301, 'TLSv1.1': 0x0302, 'TLSv1.2': 0x0303, 'TLSv1.3': 0x0304 };

const HT_CLIENT_HELLO = 1;
// RFC 8446 §4.1.2: legacy_version(2) random(32), then legacy_session_id<0..32>.
const SESSION_ID_AT = 2 + 32;
// A ClientHello is a few hundred octets; beyond this it is not one worth waiting for.
const MAX_HELLO_OCTETS = 1 << 16;
// RFC 8701: a GREASE version, which servers ignore (RFC 8446 §4.2.1).
const GREASE_VERSION = 0x0a0a;

export type HelloRead =
  | { state: 'more' }
  | { state: 'hello'; hello: ClientHelloInfo; highest: number }
  | { state: 'not-hello'; reason: Text };

/** What the bytes so far say: wait for more, a whole ClientHello, or not a ClientHello at all. */
export function readClientHello(bytes: Buffer): HelloRead {
  const { records, notTls } = new TlsRecordReader().push(bytes);
  if (notTls) return { state: 'not-hello', reason: notTls.reasonText ?? text('text.plain', { text: notTls.reason }) };
  const fragments: Buffer[] = [];
  for (const record of records) {
    if (record.contentType !== CT_HANDSHAKE) return { state: 'not-hello', reason: text('hello.recordType', { type: record.contentType }) };
    fragments.push(record.fragment);
    const handshake = Buffer.concat(fragments);
    if (handshake.length < 4) continue;
    if (handshake[0] !== HT_CLIENT_HELLO) return { state: 'not-hello', reason: text('hello.handshakeType', { type: handshake[0] }) };
    const length = handshake.readUIntBE(1, 3);
    if (length > MAX_HELLO_OCTETS) return { state: 'not-hello', reason: text('hello.tooLong', { length }) };
    if (handshake.length < 4 + length) continue;
    try {
      const hello = parseClientHello(handshake.subarray(4, 4 + length));
      return { state: 'hello', hello, highest: highestOffered(hello) };
    } catch (err) {
      const problem = err instanceof TruncatedInput ? text('hello.truncated', { needed: err.needed, left: err.left }) : (err as Error).message;
      return { state: 'not-hello', reason: text('hello.malformed', { problem }) };
    }
  }
  if (bytes.length > MAX_HELLO_OCTETS) return { state: 'not-hello', reason: text('hello.none64k') };
  return { state: 'more' };
}

function highestOffered(hello: ClientHelloInfo): number {
  const codes = hello.offeredVersions.map((name) => VERSION_CODES[name] ?? 0);
  return Math.max(0, ...codes);
}

export interface CappedHello {
  bytes: Buffer;
  /** Names of the versions no longer offered. */
  removed: string[];
}

/**
 * The same bytes with every offered version above max replaced (by a GREASE value in
 * supported_versions, by max in legacy_version); null when the ClientHello is not whole in the
 * first record or offers nothing above max.
 */
export function capOfferedVersions(bytes: Buffer, max: number): CappedHello | null {
  if (bytes.length < 9 || bytes[0] !== CT_HANDSHAKE || bytes[5] !== HT_CLIENT_HELLO) return null;
  const recordEnd = 5 + bytes.readUInt16BE(3);
  const bodyAt = 9;
  const bodyEnd = bodyAt + bytes.readUIntBE(6, 3);
  if (recordEnd > bytes.length || bodyEnd > recordEnd) return null;
  const out = Buffer.from(bytes);
  const removed: string[] = [];
  let p = bodyAt + SESSION_ID_AT;
  p += 1 + out[p];
  p += 2 + out.readUInt16BE(p);
  p += 1 + out[p];
  let sawSupportedVersions = false;
  if (p + 2 <= bodyEnd) {
    const extsEnd = Math.min(bodyEnd, p + 2 + out.readUInt16BE(p));
    p += 2;
    while (p + 4 <= extsEnd) {
      const type = out.readUInt16BE(p);
      const length = out.readUInt16BE(p + 2);
      if (type === EXT_SUPPORTED_VERSIONS && length >= 1) {
        sawSupportedVersions = true;
        const listEnd = Math.min(p + 5 + out[p + 4], p + 4 + length);
        for (let v = p + 5; v + 2 <= listEnd; v += 2) {
          const version = out.readUInt16BE(v);
          if (version > max && !isGrease(version)) {
            removed.push(tlsVersionName(version));
            out.writeUInt16BE(GREASE_VERSION, v);
          }
        }
      }
      p += 4 + length;
    }
  }
  if (!sawSupportedVersions) {
    const legacy = out.readUInt16BE(bodyAt);
    if (legacy > max) {
      removed.push(tlsVersionName(legacy));
      out.writeUInt16BE(max, bodyAt);
    }
  }
  return removed.length ? { bytes: out, removed } : null;
}
