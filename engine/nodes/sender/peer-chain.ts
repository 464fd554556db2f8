// The certificate chain of a TLS peer, leaf first, as DER: what DANE (RFC 7672) and MTA-STS
// (RFC 8461 §4.2) checks and the trace read.
//
// Node links issuerCertificate first from the certificates the peer sent, then, past the last
// one, from the trust store of the connection's SecureContext (SSL_CTX_get_issuer). A server
// that sends only its leaf thus shows the lab CA as its issuer when the lab CA is trusted, and
// exactly as if it had sent it. Only a connection whose context trusts no CA reports the chain
// the server presented, which is what DANE-TA must match (RFC 7672 §3.1.2).
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/** The peer's chain as Node links it; the presented chain when the context has no trust anchors. */
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
