// The certificate chain a TLS peer presented, leaf first, as DER: what DANE (RFC 7672) and
// MTA-STS (RFC 8461 §4.2) checks and the trace read.
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

export function peerChainDer(socket: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | Record<string, never>;
  const seen = new Set<string>();
  while (cert && 'raw' in cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** Node reports the reason a chain or name failed as an Error or a string; the session wants a code. */
export function authorizationCode(socket: TLSSocket): string | undefined {
  const err = socket.authorizationError as unknown;
  if (!err) return undefined;
  if (typeof err === 'string') return err;
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message ?? String(err);
}
