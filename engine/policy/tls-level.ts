// Postfix's mandatory TLS levels (TLS_README "Mandatory TLS encryption", "Mandatory server
// certificate verification", "Secure server certificate verification") as decisions about one
// session with one MX host:
// - encrypt: TLS or nothing; the certificate is not checked (an on-path attacker with any
//   certificate passes).
// - verify: TLS with a trusted certificate whose name matches the MX host name
//   (smtp_tls_verify_cert_match = hostname). The MX name itself came from an insecure DNS lookup,
//   so a forged MX record pointing at a host with a valid certificate still passes.
// - secure: TLS with a trusted certificate naming the next-hop domain or a subdomain of it
//   (smtp_tls_secure_cert_match = nexthop, dot-nexthop): a forged MX cannot change that name.
import { canonicalName } from './dns-name.ts';
import { dnsIdMatches } from './cert-names.ts';
import type { PkixStatus, PolicyDecision, TlsObservation } from './decision.ts';

export type MandatoryTlsLevel = 'encrypt' | 'verify' | 'secure';

export interface TlsLevelSession {
  level: MandatoryTlsLevel;
  mxHost: string;
  /** The recipient domain the MX hosts were looked up for. */
  nextHop: string;
  tls: TlsObservation;
  pkix?: PkixStatus;
  /** DNS-IDs of the leaf certificate. */
  certNames?: readonly string[];
}

const RULE: Record<MandatoryTlsLevel, string> = {
  encrypt: 'TLS_README: encrypt',
  verify: 'TLS_README: verify',
  secure: 'TLS_README: secure',
};

/** dot-nexthop: a presented name that is the next-hop domain or lies under it (a wildcard's base too). */
function namesNextHop(name: string, nextHop: string): boolean {
  const n = canonicalName(name).replace(/^\*\./, '');
  return dnsIdMatches(name, nextHop) || n === nextHop || n.endsWith(`.${nextHop}`);
}

export function tlsLevelVerdict(session: TlsLevelSession): PolicyDecision {
  const { level, mxHost, tls } = session;
  const nextHop = canonicalName(session.nextHop);
  const rule = RULE[level];
  const refuse = (why: string, tlsrptResult: PolicyDecision['tlsrptResult']): PolicyDecision => ({
    verdict: 'try-next-mx',
    rule,
    reason: `smtp_tls_security_level = ${level}: ${why}; do not deliver to ${mxHost} (try the next MX, or keep the message queued)`,
    ...(tlsrptResult ? { tlsrptResult } : {}),
  });
  if (!tls.starttlsOffered) return refuse(`TLS is required, but ${mxHost} offered no STARTTLS`, 'starttls-not-supported');
  if (!tls.handshake) return refuse('TLS is required, but no handshake was made', 'validation-failure');
  if (!tls.handshake.ok) return refuse(`TLS is required, and the handshake failed (${tls.handshake.error})`, 'validation-failure');
  const version = tls.handshake.version;
  if (level === 'encrypt') {
    return { verdict: 'deliver', rule, reason: `smtp_tls_security_level = encrypt: ${version} is up; encryption is mandatory, the certificate is not checked (anyone on the path with any certificate passes)` };
  }
  switch (session.pkix ?? 'invalid') {
    case 'expired':
      return refuse(`the certificate of ${mxHost} has expired`, 'certificate-expired');
    case 'not-trusted':
      return refuse(`the certificate of ${mxHost} does not chain to a CA the sender trusts`, 'certificate-not-trusted');
    case 'invalid':
      return refuse(`the certificate of ${mxHost} did not pass PKIX validation`, 'validation-failure');
    case 'valid':
      break;
  }
  const names = session.certNames ?? [];
  if (level === 'verify') {
    const matched = names.find((name) => dnsIdMatches(name, mxHost));
    if (!matched) return refuse(`the certificate names ${names.join(', ') || 'no DNS-ID'}, not the MX host ${mxHost}`, 'certificate-host-mismatch');
    return { verdict: 'deliver', rule, reason: `smtp_tls_security_level = verify: ${version}, a trusted certificate for the MX host name ${mxHost} (${matched}); that name came from an MX lookup without DNSSEC, so it is only as good as that lookup` };
  }
  const matched = names.find((name) => namesNextHop(name, nextHop));
  if (!matched) return refuse(`the certificate names ${names.join(', ') || 'no DNS-ID'}: neither ${nextHop} nor a name under it (nexthop, dot-nexthop)`, 'certificate-host-mismatch');
  return { verdict: 'deliver', rule, reason: `smtp_tls_security_level = secure: ${version}, a trusted certificate naming ${matched}, under the next-hop domain ${nextHop}: a forged MX record cannot change what it must name` };
}
