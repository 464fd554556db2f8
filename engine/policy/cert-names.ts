// RFC 6125 §6.4 name checks of a server certificate, as MTA-STS (RFC 8461 §4.2, §3.3) and
// DANE-TA (RFC 7672 §3.2.3) apply them.
import { X509Certificate } from 'node:crypto';
import { canonicalName } from './dns-name.ts';

/** The DNS-IDs (subjectAltName dNSName entries) of a certificate, lower case. */
export function certificateDnsIds(cert: X509Certificate): string[] {
  const san = cert.subjectAltName;
  if (!san) return [];
  // Node quotes entries holding separators (CVE-2021-44532); such an entry is no valid DNS name anyway.
  return san
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:') && !entry.startsWith('DNS:"'))
    .map((entry) => canonicalName(entry.slice(4)));
}

/** The subject common names, the CN-IDs RFC 6125 §6.4.4 falls back to when no DNS-ID exists. */
export function certificateCommonNames(cert: X509Certificate): string[] {
  return cert.subject
    .split('\n')
    .filter((line) => line.startsWith('CN='))
    .map((line) => canonicalName(line.slice(3)));
}

/**
 * Does one presented identifier match one reference identifier? Case-insensitive (RFC 6125 §6.4.1);
 * a wildcard only as the complete left-most label, standing for exactly one label
 * (RFC 8461 §3.3 and §4.1, RFC 7672 §3.2.3). "mx*.example.jp" and "*.*.example.jp" never match.
 */
export function dnsIdMatches(presented: string, reference: string): boolean {
  const p = canonicalName(presented);
  const r = canonicalName(reference);
  if (p.length === 0 || r.length === 0) return false;
  if (!p.includes('*')) return p === r;
  if (!p.startsWith('*.') || p.indexOf('*', 1) !== -1) return false;
  const suffix = p.slice(1);
  const dot = r.indexOf('.');
  return dot > 0 && r.slice(dot) === suffix;
}

export interface NameCheck {
  matched: boolean;
  /** The presented identifier that matched, when one did. */
  presented?: string;
  /** The reference identifier it matched. */
  reference?: string;
}

/** Any presented identifier against any reference identifier; the first pair that matches wins. */
export function matchAnyName(presented: readonly string[], references: readonly string[]): NameCheck {
  for (const reference of references) {
    for (const name of presented) {
      if (dnsIdMatches(name, reference)) return { matched: true, presented: name, reference: canonicalName(reference) };
    }
  }
  return { matched: false };
}

/**
 * The identifiers RFC 6125 lets a client compare: the DNS-IDs, and the CN only when the
 * certificate has no DNS-ID at all (§6.4.4) and the protocol allows it.
 */
export function presentedIdentifiers(cert: X509Certificate, allowCommonName: boolean): string[] {
  const dnsIds = certificateDnsIds(cert);
  if (dnsIds.length > 0 || !allowCommonName) return dnsIds;
  return certificateCommonNames(cert);
}
