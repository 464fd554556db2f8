// RFC 8689: may this message go to this host with REQUIRETLS, and what happens when it may not.
import type { TlsObservation } from '../decision.ts';
import { isTls12OrLater } from '../mta-sts/verdict.ts';

export interface RequireTlsInput {
  /** MAIL FROM:<...> REQUIRETLS was asked for this message. */
  requireTls: boolean;
  /** How the MX host name was obtained: a DNSSEC-secure MX lookup, or an MTA-STS policy it matched (§4.2.1). */
  mxNamedBy: 'dnssec' | 'mta-sts' | 'insecure';
  tls: TlsObservation;
  /** How the server certificate was verified. */
  certVerifiedBy: 'pkix' | 'dane' | 'none';
  /** The EHLO reply after STARTTLS lists REQUIRETLS. */
  requireTlsOffered: boolean;
  /** Another MX host remains to be tried. */
  moreMx: boolean;
}

export type RequireTlsAction = 'not-requested' | 'send-with-requiretls' | 'quit-try-next-mx' | 'bounce';

export interface RequireTlsDecision {
  action: RequireTlsAction;
  rule: string;
  reason: string;
  /** The enhanced status code of the non-delivery notice, when bouncing. */
  status?: '5.7.30' | '5.7.10';
}

export function requireTlsDecision(input: RequireTlsInput): RequireTlsDecision {
  if (!input.requireTls) return { action: 'not-requested', rule: 'RFC 8689 §4', reason: 'the message did not ask for REQUIRETLS' };
  const problem = firstProblem(input);
  if (!problem) {
    return {
      action: 'send-with-requiretls',
      rule: 'RFC 8689 §4.2.1',
      reason: `the MX was named by ${input.mxNamedBy === 'dnssec' ? 'a DNSSEC-secure MX lookup' : 'the MTA-STS policy'}, TLS is up with a ${input.certVerifiedBy.toUpperCase()}-verified certificate and the server offers REQUIRETLS: send MAIL FROM with REQUIRETLS`,
    };
  }
  if (input.moreMx) {
    return { action: 'quit-try-next-mx', rule: 'RFC 8689 §4.2.1', reason: `${problem.why}: QUIT and try the next MX` };
  }
  return {
    action: 'bounce',
    rule: 'RFC 8689 §4.2.1',
    reason: `${problem.why}, and no MX is left: the message MUST NOT be sent; return a non-delivery notice (${problem.status})`,
    status: problem.status,
  };
}

function firstProblem(input: RequireTlsInput): { why: string; status: '5.7.30' | '5.7.10' } | null {
  const { tls } = input;
  if (input.mxNamedBy === 'insecure') return { why: 'the MX host was named by an insecure lookup (neither DNSSEC nor MTA-STS)', status: '5.7.10' };
  if (!tls.starttlsOffered) return { why: 'the server offered no STARTTLS', status: '5.7.10' };
  if (!tls.handshake || !tls.handshake.ok) return { why: 'no TLS session was established', status: '5.7.10' };
  if (!isTls12OrLater(tls.handshake.version)) return { why: `the session uses ${tls.handshake.version}, below TLS 1.2`, status: '5.7.10' };
  if (input.certVerifiedBy === 'none') return { why: 'the server certificate was verified neither by PKIX nor by DANE', status: '5.7.10' };
  if (!input.requireTlsOffered) return { why: 'the EHLO reply after STARTTLS does not list REQUIRETLS', status: '5.7.30' };
  return null;
}

export interface TlsRequiredHeader {
  applies: boolean;
  rule: string;
  reason: string;
}

/**
 * RFC 8689 §3: "TLS-Required: No" asks to deliver regardless of MTA-STS and DANE. The REQUIRETLS
 * MAIL parameter takes precedence over it (§4.1), and the field MUST NOT appear more than once.
 */
export function tlsRequiredNoApplies(requireTls: boolean, headerValues: readonly string[]): TlsRequiredHeader {
  if (headerValues.length === 0) return { applies: false, rule: 'RFC 8689 §3', reason: 'the message has no TLS-Required header field' };
  if (requireTls) return { applies: false, rule: 'RFC 8689 §4.1', reason: 'REQUIRETLS on MAIL FROM takes precedence over "TLS-Required: No"' };
  if (headerValues.length > 1) return { applies: false, rule: 'RFC 8689 §3', reason: `TLS-Required appears ${headerValues.length} times; it MUST NOT appear more than once, so it is not honoured` };
  const value = headerValues[0].trim();
  if (value.toLowerCase() !== 'no') return { applies: false, rule: 'RFC 8689 §3', reason: `"TLS-Required: ${value}" is not "No"` };
  return { applies: true, rule: 'RFC 8689 §3', reason: '"TLS-Required: No": deliver regardless of MTA-STS and DANE, still trying STARTTLS' };
}
