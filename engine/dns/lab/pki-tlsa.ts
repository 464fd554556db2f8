// `_25._tcp.mx.example.jp TLSA 3 1 1`: DANE-EE, SPKI, SHA-256 of the lab mx certificate
// (RFC 7672 §3.1.1 recommends 3 1 1), from the lab PKI in the same data directory.
import { X509Certificate } from 'node:crypto';
import type { TlsaData } from 'dns-packet';
import { loadLabPki } from '../../pki/lab-pki.ts';
import { tlsaData } from '../../policy/dane/tlsa-data.ts';

/** Digests of certificates already seen: every lab start publishes the same mx certificate's. */
const digests = new Map<string, Buffer>();

export function tlsa311(certPem: string): TlsaData {
  let digest = digests.get(certPem);
  if (!digest) {
    digest = tlsaData(new X509Certificate(certPem), 1, 1);
    if (digests.size >= 64) digests.clear();
    digests.set(certPem, digest);
  }
  // A copy: the record's data is the lab's own.
  return { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from(digest) };
}

export async function mxTlsaFromPki(dataDir: string, host = 'mx.example.jp'): Promise<TlsaData> {
  const pki = await loadLabPki(dataDir);
  return tlsa311((await pki.leaf(host)).certPem);
}
