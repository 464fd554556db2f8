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
import { said, text, type Text } from '../../common/i18n/text.ts';
import { canonicalName } from './dns-name.ts';
import { dnsIdMatches } from './cert-names.ts';
import { starttlsRefusal, type PkixStatus, type PolicyDecision, type TlsObservation } from './decision.ts';

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
  const refuse = (why: Text, tlsrptResult: PolicyDecision['tlsrptResult']): PolicyDecision => ({
    verdict: 'try-next-mx',
    rule,
    ...said(text('level.refuse', { level, why, host: mxHost })),
    ...(tlsrptResult ? { tlsrptResult } : {}),
  });
  const refusal = starttlsRefusal(tls);
  // RFC 8460 §4.3.1: no TLS session could be started with the MX, whether STARTTLS was missing or refused.
  if (refusal) return refuse(text('level.starttlsRefused', { host: mxHost, reply: refusal }), 'starttls-not-supported');
  if (!tls.starttlsOffered) return refuse(text('level.noStarttls', { host: mxHost }), 'starttls-not-supported');
  if (!tls.handshake) return refuse(text('level.noHandshake'), 'validation-failure');
  if (!tls.handshake.ok) return refuse(text('level.handshakeFailed', { error: tls.handshake.error }), 'validation-failure');
  const version = tls.handshake.version;
  if (level === 'encrypt') return { verdict: 'deliver', rule, ...said(text('level.encrypt', { version })) };
  switch (session.pkix ?? 'invalid') {
    case 'expired':
      return refuse(text('level.certExpired', { host: mxHost }), 'certificate-expired');
    case 'not-trusted':
      return refuse(text('level.certNotTrusted', { host: mxHost }), 'certificate-not-trusted');
    case 'invalid':
      return refuse(text('level.certInvalid', { host: mxHost }), 'validation-failure');
    case 'valid':
      break;
  }
  const names = session.certNames ?? [];
  if (level === 'verify') {
    const matched = names.find((name) => dnsIdMatches(name, mxHost));
    if (!matched) return refuse(names.length ? text('level.notMxName', { names: names.join(', '), host: mxHost }) : text('level.notMxNameNone', { host: mxHost }), 'certificate-host-mismatch');
    return { verdict: 'deliver', rule, ...said(text('level.verify', { version, host: mxHost, matched })) };
  }
  const matched = names.find((name) => namesNextHop(name, nextHop));
  if (!matched) return refuse(names.length ? text('level.notNextHop', { names: names.join(', '), nextHop }) : text('level.notNextHopNone', { nextHop }), 'certificate-host-mismatch');
  return { verdict: 'deliver', rule, ...said(text('level.secure', { version, matched, nextHop })) };
}
