// RFC 6698 §2.1.3 and §2.1.4: the data a TLSA record holds for a certificate.
// Selector 1 with SHA2-256 is what `openssl x509 -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256` prints.
import { createHash, type X509Certificate } from 'node:crypto';

/** Selector 0: the whole certificate, DER. Selector 1: its SubjectPublicKeyInfo, DER. */
export function selectedContent(cert: X509Certificate, selector: number): Buffer {
  if (selector === 0) return cert.raw;
  if (selector === 1) return cert.publicKey.export({ type: 'spki', format: 'der' });
  throw new RangeError(`selector ${selector} is not 0 (Cert) or 1 (SPKI)`);
}

/** Matching type 0: the content itself; 1: SHA-256 of it; 2: SHA-512 of it. */
export function matchContent(content: Buffer, matchingType: number): Buffer {
  if (matchingType === 0) return content;
  if (matchingType === 1) return createHash('sha256').update(content).digest();
  if (matchingType === 2) return createHash('sha512').update(content).digest();
  throw new RangeError(`matching type ${matchingType} is not 0 (Full), 1 (SHA2-256) or 2 (SHA2-512)`);
}

export function tlsaData(cert: X509Certificate, selector: number, matchingType: number): Buffer {
  return matchContent(selectedContent(cert, selector), matchingType);
}
