// RFC 8461 §4 (policy validation) and §5 (policy application) for one MX host of one delivery attempt.
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { matchAnyName } from '../cert-names.ts';
import { starttlsRefusal, type PkixStatus, type PolicyDecision, type TlsObservation, type TlsRptResultType } from '../decision.ts';
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
  what: Text;
  tlsrptResult: TlsRptResultType;
}

/** Before connecting: under enforce a host outside the mx patterns is never tried (§4.1, §5). */
export function mtaStsMxCheck(policy: MtaStsPolicy, policyDomain: string, mxHost: string): PolicyDecision {
  if (policy.mode === 'none') return noneDecision(policyDomain);
  const match = matchMxPatterns(policy.mx, mxHost);
  if (match.matches) return { verdict: 'deliver', rule: 'RFC 8461 §4.1', ...said(text('sts.mxMayBeTried', { match: match.reasonText, host: mxHost })) };
  return apply(policy, policyDomain, mxHost, { what: text('sts.mxNotAllowed', { host: mxHost, why: match.reasonText }), tlsrptResult: 'validation-failure' });
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
    ...said(text('sts.deliver', { domain: policyDomain, mode: policy.mode, host: mxHost, version: versionOf(session.tls) })),
  };
}

function firstFailure(session: MtaStsSession): Failure | null {
  const { policy, mxHost, tls } = session;
  const match = matchMxPatterns(policy.mx, mxHost);
  if (!match.matches) return { what: text('sts.mxNotAllowedRef', { host: mxHost, why: match.reasonText }), tlsrptResult: 'validation-failure' };
  // RFC 8460 §4.3.1: no TLS session could be started with the MX, whether STARTTLS was missing or refused.
  const refusal = starttlsRefusal(tls);
  if (refusal) return { what: text('sts.starttlsRefused', { host: mxHost, reply: refusal }), tlsrptResult: 'starttls-not-supported' };
  if (!tls.starttlsOffered) return { what: text('sts.noStarttls', { host: mxHost }), tlsrptResult: 'starttls-not-supported' };
  if (!tls.handshake) return { what: text('sts.noHandshake', { host: mxHost }), tlsrptResult: 'validation-failure' };
  if (!tls.handshake.ok) return { what: text('sts.handshakeFailed', { host: mxHost, error: tls.handshake.error }), tlsrptResult: 'validation-failure' };
  const version = tls.handshake.version;
  if (!isTls12OrLater(version)) {
    return { what: text('sts.oldTls', { host: mxHost, version }), tlsrptResult: 'validation-failure' };
  }
  switch (session.pkix ?? 'invalid') {
    case 'expired':
      return { what: text('sts.certExpired', { host: mxHost }), tlsrptResult: 'certificate-expired' };
    case 'not-trusted':
      return { what: text('sts.certNotTrusted', { host: mxHost }), tlsrptResult: 'certificate-not-trusted' };
    case 'invalid':
      return { what: text('sts.certInvalid', { host: mxHost }), tlsrptResult: 'validation-failure' };
    case 'valid':
      break;
  }
  const names = session.certNames ?? [];
  if (!matchAnyName(names, [mxHost]).matched) {
    return {
      what: text('sts.certName', { host: mxHost, names: names.length ? names.join(', ') : text('sts.noDnsId') }),
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
      ...said(text('sts.enforceFails', { domain, failure: failure.what, host: mxHost })),
      tlsrptResult: failure.tlsrptResult,
    };
  }
  return {
    verdict: 'deliver-report-failure',
    rule: STS_APPLY_RULE,
    ...said(text('sts.testingFails', { domain, failure: failure.what })),
    tlsrptResult: failure.tlsrptResult,
  };
}

function noneDecision(domain: string): PolicyDecision {
  return { verdict: 'deliver', rule: STS_APPLY_RULE, ...said(text('sts.modeNone', { domain })) };
}

/** TLS 1.2 or 1.3 (§7); the names are as Node's getProtocol() reports them. */
export function isTls12OrLater(version: string): boolean {
  return version === 'TLSv1.2' || version === 'TLSv1.3';
}

function versionOf(tls: TlsObservation): string {
  return tls.handshake?.ok ? tls.handshake.version : 'TLS';
}
