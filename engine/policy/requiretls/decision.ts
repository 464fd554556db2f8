// RFC 8689: may this message go to this host with REQUIRETLS, and what happens when it may not.
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { starttlsRefusal, type TlsObservation } from '../decision.ts';
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
  reasonText: Text;
  /** The enhanced status code of the non-delivery notice, when bouncing. */
  status?: '5.7.30' | '5.7.10';
}

export function requireTlsDecision(input: RequireTlsInput): RequireTlsDecision {
  if (!input.requireTls) return { action: 'not-requested', rule: 'RFC 8689 §4', ...said(text('rtls.notRequested')) };
  const problem = firstProblem(input);
  if (!problem) {
    return {
      action: 'send-with-requiretls',
      rule: 'RFC 8689 §4.2.1',
      ...said(text(input.mxNamedBy === 'dnssec' ? 'rtls.sendDnssec' : 'rtls.sendSts', { by: input.certVerifiedBy.toUpperCase() })),
    };
  }
  if (input.moreMx) {
    return { action: 'quit-try-next-mx', rule: 'RFC 8689 §4.2.1', ...said(text('rtls.quitNextMx', { why: problem.why })) };
  }
  return {
    action: 'bounce',
    rule: 'RFC 8689 §4.2.1',
    ...said(text('rtls.bounce', { why: problem.why, status: problem.status })),
    status: problem.status,
  };
}

function firstProblem(input: RequireTlsInput): { why: Text; status: '5.7.30' | '5.7.10' } | null {
  const { tls } = input;
  if (input.mxNamedBy === 'insecure') return { why: text('rtls.insecureMx'), status: '5.7.10' };
  const refusal = starttlsRefusal(tls);
  if (refusal) return { why: text('rtls.starttlsRefused', { reply: refusal }), status: '5.7.10' };
  if (!tls.starttlsOffered) return { why: text('rtls.noStarttls'), status: '5.7.10' };
  if (!tls.handshake || !tls.handshake.ok) return { why: text('rtls.noTls'), status: '5.7.10' };
  if (!isTls12OrLater(tls.handshake.version)) return { why: text('rtls.oldTls', { version: tls.handshake.version }), status: '5.7.10' };
  if (input.certVerifiedBy === 'none') return { why: text('rtls.unverified'), status: '5.7.10' };
  if (!input.requireTlsOffered) return { why: text('rtls.notOffered'), status: '5.7.30' };
  return null;
}

export interface TlsRequiredHeader {
  applies: boolean;
  rule: string;
  reason: string;
  reasonText: Text;
}

/**
 * RFC 8689 §3: "TLS-Required: No" asks to deliver regardless of MTA-STS and DANE. The REQUIRETLS
 * MAIL parameter takes precedence over it (§4.1), and the field MUST NOT appear more than once.
 */
export function tlsRequiredNoApplies(requireTls: boolean, headerValues: readonly string[]): TlsRequiredHeader {
  if (headerValues.length === 0) return { applies: false, rule: 'RFC 8689 §3', ...said(text('rtls.noHeader')) };
  if (requireTls) return { applies: false, rule: 'RFC 8689 §4.1', ...said(text('rtls.precedence')) };
  if (headerValues.length > 1) return { applies: false, rule: 'RFC 8689 §3', ...said(text('rtls.repeated', { count: headerValues.length })) };
  const value = headerValues[0].trim();
  if (value.toLowerCase() !== 'no') return { applies: false, rule: 'RFC 8689 §3', ...said(text('rtls.notNo', { value })) };
  return { applies: true, rule: 'RFC 8689 §3', ...said(text('rtls.applies')) };
}
