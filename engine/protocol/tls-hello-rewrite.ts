// Adds TLS_FALLBACK_SCSV (RFC 7507) to a ClientHello someone else built, sans-IO. Node's TLS
// client cannot send it: OpenSSL's SSL_MODE_SEND_FALLBACK_SCSV is not exposed, and the cipher
// name in `ciphers` is accepted and dropped. The sender's fallback retry rewrites its own
// ClientHello on the way out instead (engine/nodes/sender/scsv-socket.ts).

import { parseClientHello } from './tls-hello.ts';
import { TLS_FALLBACK_SCSV } from './tls-names.ts';
import { CT_HANDSHAKE, TlsRecordReader } from './tls-records.ts';

const HT_CLIENT_HELLO = 1;
const HANDSHAKE_HEADER = 4;
// RFC 8446 §5.1 / RFC 5246 §6.2.1: a plaintext fragment is at most 2^14 octets.
const MAX_PLAINTEXT = 1 << 14;
// ClientHello: legacy_version(2) random(32) then legacy_session_id<0..32> (RFC 8446 §4.1.2).
const SESSION_ID_LENGTH_AT = 2 + 32;

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);

/**
 * The same record with 0x5600 appended to cipher_suites and the cipher_suites, handshake and
 * record lengths grown to match; the record unchanged when it already carries the SCSV.
 * Null unless the bytes are exactly one handshake record holding exactly one whole ClientHello.
 */
export function addFallbackScsv(record: Buffer): Buffer | null {
  const { records, notTls } = new TlsRecordReader().push(record);
  if (notTls || records.length !== 1 || records[0].raw.length !== record.length) return null;
  const { contentType, version, fragment } = records[0];
  if (contentType !== CT_HANDSHAKE || fragment.length < HANDSHAKE_HEADER || fragment[0] !== HT_CLIENT_HELLO) return null;
  const body = fragment.subarray(HANDSHAKE_HEADER);
  // A ClientHello split over several records, or followed by another message, is not ours to edit.
  if (fragment.readUIntBE(1, 3) !== body.length) return null;
  try {
    if (parseClientHello(body).fallbackScsv) return Buffer.from(record);
  } catch {
    return null;
  }
  if (fragment.length + 2 > MAX_PLAINTEXT) return null;

  const suitesAt = SESSION_ID_LENGTH_AT + 1 + body[SESSION_ID_LENGTH_AT];
  const suitesLength = body.readUInt16BE(suitesAt);
  const suitesEnd = suitesAt + 2 + suitesLength;
  // RFC 7507 §4: after every suite the client actually intends to negotiate.
  const newBody = Buffer.concat([
    body.subarray(0, suitesAt),
    u16(suitesLength + 2),
    body.subarray(suitesAt + 2, suitesEnd),
    u16(TLS_FALLBACK_SCSV),
    body.subarray(suitesEnd),
  ]);
  const newFragment = Buffer.concat([Buffer.from([HT_CLIENT_HELLO]), u24(newBody.length), newBody]);
  return Buffer.concat([Buffer.from([CT_HANDSHAKE]), u16(version), u16(newFragment.length), newFragment]);
}
