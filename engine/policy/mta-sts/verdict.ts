// RFC 8461 §4 (policy validation) and §5 (policy application) for one MX host of one delivery attempt.
import { matchAnyName } from '../cert-names.ts';
import type { PkixStatus, PolicyDecision, TlsObservation, TlsRptResultType } from '../decision.ts';
import { matchMxPatterns } from './mx-pattern.ts';
import type { MtaStsPolicy } from './policy-file.ts';

export const STS_APPLY_RULE = 'RFC 8461 §5';

export interface MtaStsSession {
  policy: MtaStsPolicy;
  policyDomain: string;
  mxHost: string;
  tls: TlsObservation;
  /** PKIX result of the MX's chain; needed when the handshake succeeded. */
  pkix?: PkixStatus;
  /** SAN DNS-IDs of the MX's certificate. */
  certNames?: readonly string[];
}

interface Failure {
  what: string;
  tlsrptResult: TlsRptResultType;
}

/** Before connecting: under enforce a host outside the mx patterns is never tried (§4.1, §5). */
export function mtaStsMxCheck(policy: MtaStsPolicy, policyDomain: string, mxHost: string): PolicyDecision {
  if (policy.mode === 'none') return noneDecision(policyDomain);
  const match = matchMxPatterns(policy.mx, mxHost);
  if (match.matches) return { verdict: 'deliver', rule: 'RFC 8461 §4.1', reason: `${match.reason}: ${mxHost} may be tried` };
  return apply(policy, policyDomain, mxHost, { what: `${mxHost} is not allowed by the policy (${match.reason})`, tlsrptResult: 'validation-failure' });
}

/** After the TLS handshake (or its absence): deliver, skip to the next MX, or deliver and report. */
export function mtaStsVerdict(session: MtaStsSession): PolicyDecision {
  const { policy, policyDomain, mxHost } = session;
  if (policy.mode === 'none') return noneDecision(policyDomain);
  const failure = firstFailure(session);
  if (failure) return apply(policy, policyDomain, mxHost, failure);
  return {
    verdict: 'deliver',
    rule: 'RFC 8461 §4',
    reason: `the policy for ${policyDomain} is ${policy.mode}; ${mxHost} matches an mx pattern, offered STARTTLS with ${versionOf(session.tls)} and a trusted certificate for its name: deliver`,
  };
}

function firstFailure(session: MtaStsSession): Failure | null {
  const { policy, mxHost, tls } = session;
  const match = matchMxPatterns(policy.mx, mxHost);
  if (!match.matches) return { what: `${mxHost} is not allowed by the policy (${match.reason}) (§4.1)`, tlsrptResult: 'validation-failure' };
  if (!tls.starttlsOffered) return { what: `${mxHost} offered no STARTTLS (§4)`, tlsrptResult: 'starttls-not-supported' };
  if (!tls.handshake) return { what: `no TLS handshake was made with ${mxHost} (§4)`, tlsrptResult: 'validation-failure' };
  if (!tls.handshake.ok) return { what: `the TLS handshake with ${mxHost} failed (${tls.handshake.error}) (§4)`, tlsrptResult: 'validation-failure' };
  const version = tls.handshake.version;
  if (!isTls12OrLater(version)) {
    return { what: `${mxHost} negotiated ${version}; MTA-STS requires TLS 1.2 or later (§7)`, tlsrptResult: 'validation-failure' };
  }
  switch (session.pkix ?? 'invalid') {
    case 'expired':
      return { what: `the certificate of ${mxHost} has expired (§4.2)`, tlsrptResult: 'certificate-expired' };
    case 'not-trusted':
      return { what: `the certificate of ${mxHost} does not chain to a root the sender trusts (§4.2)`, tlsrptResult: 'certificate-not-trusted' };
    case 'invalid':
      return { what: `the certificate of ${mxHost} did not pass PKIX validation (§4.2)`, tlsrptResult: 'validation-failure' };
    case 'valid':
      break;
  }
  const names = session.certNames ?? [];
  if (!matchAnyName(names, [mxHost]).matched) {
    return {
      what: `the certificate of ${mxHost} names ${names.join(', ') || 'no DNS-ID'}, which does not match ${mxHost} (§4.2, RFC 6125)`,
      tlsrptResult: 'certificate-host-mismatch',
    };
  }
  return null;
}

function apply(policy: MtaStsPolicy, domain: string, mxHost: string, failure: Failure): PolicyDecision {
  if (policy.mode === 'enforce') {
    return {
      verdict: 'try-next-mx',
      rule: STS_APPLY_RULE,
      reason: `the policy for ${domain} is enforce and ${failure.what}: not delivering to ${mxHost}; try the next MX as if this one were unreachable, and treat the failure as transient`,
      tlsrptResult: failure.tlsrptResult,
    };
  }
  return {
    verdict: 'deliver-report-failure',
    rule: STS_APPLY_RULE,
    reason: `the policy for ${domain} is testing and ${failure.what}: deliver anyway and report the failure (TLS-RPT)`,
    tlsrptResult: failure.tlsrptResult,
  };
}

function noneDecision(domain: string): PolicyDecision {
  return { verdict: 'deliver', rule: STS_APPLY_RULE, reason: `the policy for ${domain} is none: deliver as though ${domain} had no MTA-STS policy` };
}

/** TLS 1.2 or 1.3 (§7); the names are as Node's getProtocol() reports them. */
export function isTls12OrLater(version: string): boolean {
  return version === 'TLSv1.2' || version === 'TLSv1.3';
}

function versionOf(tls: TlsObservation): string {
  return tls.handshake?.ok ? tls.handshake.version : 'TLS';
}
