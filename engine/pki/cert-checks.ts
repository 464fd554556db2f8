// What makes a cached certificate worth reusing, shared by leaves and their failing variants.

import type { X509Certificate } from 'node:crypto';

// Re-issued this long before expiry so a running lab never presents an expired certificate
// by accident.
export const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export function lastsADay(cert: X509Certificate, now = Date.now()): boolean {
  return Date.parse(cert.validTo) - now >= RENEW_BEFORE_MS;
}

export function issuedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}
