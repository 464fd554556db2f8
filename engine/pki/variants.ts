// Certificates that fail on purpose: each one breaks exactly one thing a client checks, so a
// lesson or an attack can show which check catches it (RFC 8460 §4.3 names the results).

import { X509Certificate } from 'node:crypto';
import type { IssuedPem } from './issue.ts';
import { issuedBy, lastsADay } from './cert-checks.ts';

export type CertVariant = 'expired' | 'wrong-name' | 'self-signed' | 'misissued';
/** A failing variant, or rollover: the operator's own next key for the name (a key rollover, RFC 7671 §8.1). */
export type KeyVariant = CertVariant | 'rollover';

/** The name a wrong-name certificate is issued for, whatever host presents it. */
export const WRONG_NAME_HOST = 'mail.wrong-name.example';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a cached variant still fails (and only fails) the way its kind promises. */
export function variantUsable(kind: KeyVariant, certPem: string, ca: X509Certificate, hostname: string, now = Date.now()): boolean {
  try {
    const cert = new X509Certificate(certPem);
    switch (kind) {
      case 'expired':
        return issuedBy(cert, ca) && Date.parse(cert.validTo) < now && cert.checkHost(hostname) !== undefined;
      case 'wrong-name':
        return issuedBy(cert, ca) && lastsADay(cert, now) && cert.checkHost(hostname) === undefined;
      case 'self-signed':
        return cert.subject === cert.issuer && cert.verify(cert.publicKey) && lastsADay(cert, now) && cert.checkHost(hostname) !== undefined;
      case 'misissued':
      case 'rollover':
        return issuedBy(cert, ca) && lastsADay(cert, now) && cert.checkHost(hostname) !== undefined;
    }
  } catch {
    return false;
  }
}

export async function issueVariant(kind: KeyVariant, ca: IssuedPem, hostname: string): Promise<IssuedPem> {
  const { issueServerLeaf, issueSelfSignedLeaf } = await import('./issue.ts');
  const now = Date.now();
  switch (kind) {
    case 'expired':
      // RFC 5280 §4.1.2.5: a day past notAfter, whatever the clock skew between processes.
      return issueServerLeaf(ca, hostname, { notBefore: new Date(now - 2 * DAY_MS), notAfter: new Date(now - DAY_MS) });
    case 'wrong-name':
      return issueServerLeaf(ca, WRONG_NAME_HOST);
    case 'self-signed':
      return issueSelfSignedLeaf(hostname);
    case 'misissued':
      // A trusted CA signing someone else's key for this name: PKIX accepts it, only a
      // DANE-EE record pinned to the real key (RFC 7672 §3.1.1) tells it apart.
      return issueServerLeaf(ca, hostname);
    case 'rollover':
      return issueServerLeaf(ca, hostname);
  }
}
