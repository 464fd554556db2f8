// ClientHello and ServerHello, the two handshake messages an eavesdropper can always read:
// offered and chosen versions and cipher suites, SNI, and the downgrade signals of
// RFC 7507 (TLS_FALLBACK_SCSV) and RFC 8446 §4.1.3 (the sentinel in ServerHello.random).

import type { ClientHelloInfo, ServerHelloInfo } from '../../common/trace-details-wire.ts';
import { ByteReader } from './byte-reader.ts';
import { cipherSuiteName, extensionName, isGrease, tlsVersionName, TLS_FALLBACK_SCSV } from './tls-names.ts';

export const EXT_SERVER_NAME = 0;
export const EXT_ALPN = 16;
export const EXT_SUPPORTED_VERSIONS = 43;

// RFC 8446 §4.1.3: SHA-256("HelloRetryRequest") marks a ServerHello as HelloRetryRequest.
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
// RFC 8446 §4.1.3: "DOWNGRD" + 01 (TLS 1.2 negotiated) or 00 (TLS 1.1 or below).
const DOWNGRADE_PREFIX = Buffer.from('444f574e475244', 'hex');

export type { ClientHelloInfo, ServerHelloInfo };

interface Extension {
  type: number;
  data: Buffer;
}

function extensions(r: ByteReader): Extension[] {
  if (r.remaining === 0) return [];
  const list = r.vector(2);
  const out: Extension[] = [];
  while (list.remaining > 0) {
    const type = list.u16();
    const len = list.u16();
    out.push({ type, data: list.bytes(len) });
  }
  return out;
}
function serverName(data: Buffer): string | null {
  const list = new ByteReader(data).vector(2);
  while (list.remaining > 0) {
    const nameType = list.u8();
    const len = list.u16();
    const name = list.bytes(len);
    if (nameType === 0) return name.toString('latin1');
  }
  return null;
}

function alpnList(data: Buffer): string[] {
  const list = new ByteReader(data).vector(2);
  const out: string[] = [];
  while (list.remaining > 0) {
    const len = list.u8();
    out.push(list.bytes(len).toString('latin1'));
  }
  return out;
}

export function parseClientHello(body: Buffer): ClientHelloInfo {
  const r = new ByteReader(body);
  const legacyVersion = r.u16();
  r.bytes(32);
  r.vector(1);
  const suitesVec = r.vector(2);
  const suites: number[] = [];
  while (suitesVec.remaining > 0) suites.push(suitesVec.u16());
  r.vector(1);
  const exts = extensions(r);
  let offered = [legacyVersion];
  let sni: string | null = null;
  let alpn: string[] = [];
  for (const ext of exts) {
    if (ext.type === EXT_SUPPORTED_VERSIONS) {
      const v = new ByteReader(ext.data).vector(1);
      const versions: number[] = [];
      while (v.remaining > 0) versions.push(v.u16());
      offered = versions.filter((x) => !isGrease(x));
    } else if (ext.type === EXT_SERVER_NAME && ext.data.length > 0) {
      sni = serverName(ext.data);
    } else if (ext.type === EXT_ALPN) {
      alpn = alpnList(ext.data);
    }
  }
  return {
    legacyVersion: tlsVersionName(legacyVersion),
    offeredVersions: offered.map(tlsVersionName),
    cipherSuites: suites.filter((s) => !isGrease(s)).map(cipherSuiteName),
    sni,
    alpn,
    extensions: exts.map((e) => extensionName(e.type)),
    fallbackScsv: suites.includes(TLS_FALLBACK_SCSV),
  };
}

export function parseServerHello(body: Buffer): ServerHelloInfo {
  const r = new ByteReader(body);
  const legacyVersion = r.u16();
  const random = r.bytes(32);
  r.vector(1);
  const suite = r.u16();
  r.u8();
  const exts = extensions(r);
  let version = legacyVersion;
  for (const ext of exts) {
    if (ext.type === EXT_SUPPORTED_VERSIONS && ext.data.length === 2) version = ext.data.readUInt16BE(0);
  }
  const tail = random.subarray(24);
  let downgradeSentinel: ServerHelloInfo['downgradeSentinel'] = null;
  if (tail.subarray(0, 7).equals(DOWNGRADE_PREFIX)) {
    if (tail[7] === 0x01) downgradeSentinel = 'TLSv1.2';
    else if (tail[7] === 0x00) downgradeSentinel = 'TLSv1.1-or-below';
  }
  return {
    helloRetryRequest: random.equals(HRR_RANDOM),
    legacyVersion: tlsVersionName(legacyVersion),
    version: tlsVersionName(version),
    cipherSuite: cipherSuiteName(suite),
    extensions: exts.map((e) => extensionName(e.type)),
    downgradeSentinel,
  };
}
