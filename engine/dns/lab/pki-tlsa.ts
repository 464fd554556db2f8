// `_25._tcp.mx.example.jp TLSA 3 1 1`: DANE-EE, SPKI, SHA-256 of the lab mx certificate
// (RFC 7672 §3.1.1 recommends 3 1 1), from the lab PKI in the same data directory.
import { X509Certificate } from 'node:crypto';
import type { TlsaData } from 'dns-packet';
import { loadLabPki } from '../../pki/lab-pki.ts';
import { tlsaData } from '../../policy/dane/tlsa-data.ts';

export function tlsa311(certPem: string): TlsaData {
  return { usage: 3, selector: 1, matchingType: 1, certificate: tlsaData(new X509Certificate(certPem), 1, 1) };
}

export async function mxTlsaFromPki(dataDir: string, host = 'mx.example.jp'): Promise<TlsaData> {
  const pki = await loadLabPki(dataDir);
  return tlsa311((await pki.leaf(host)).certPem);
}
