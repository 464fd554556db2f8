// One decision per MX host from DANE, MTA-STS and the message's TLS-Required header.
// RFC 8461 §2: DANE first; MTA-STS MUST NOT override a failing DANE validation.
// RFC 8689 §3: "TLS-Required: No" asks the sender to deliver regardless of MTA-STS and DANE.
import { reasonOf, said, text } from '../../common/i18n/text.ts';
import type { PolicyDecision, Verdict } from './decision.ts';
import type { DaneMode } from './dane/decision.ts';

export interface TransportInput {
  /** DANE's requirement mode and its verdict for the session; absent when the sender does not do DANE. */
  dane?: { mode: DaneMode; decision: PolicyDecision };
  /** The MTA-STS verdict; absent when no MTA-STS policy applies. */
  mtaSts?: PolicyDecision;
  /** The message carries "TLS-Required: No" and no REQUIRETLS parameter (see tlsRequiredNoApplies). */
  tlsRequiredNo?: boolean;
}

export interface TransportDecision extends PolicyDecision {
  /** tls-level: the sender's mandatory smtp_tls_security_level (encrypt, verify, secure; engine/policy/tls-level.ts). */
  decidedBy: 'dane' | 'mta-sts' | 'both' | 'tls-required-no' | 'tls-level' | 'none';
}

const SEVERITY: Record<Verdict, number> = { deliver: 0, 'deliver-report-failure': 1, 'try-next-mx': 2, defer: 3 };
const fails = (d: PolicyDecision) => d.verdict === 'try-next-mx' || d.verdict === 'defer';

export function combineTransport(input: TransportInput): TransportDecision {
  const { dane, mtaSts } = input;
  if (input.tlsRequiredNo) {
    // An MX lookup that failed validation leaves no trustworthy host to deliver to at all.
    if (dane && dane.decision.verdict === 'defer') return { ...dane.decision, decidedBy: 'dane' };
    const overridden = [dane?.decision, mtaSts].filter((d): d is PolicyDecision => !!d && d.verdict !== 'deliver');
    const reason = overridden.length > 0 ? text('transport.tlsRequiredNoOverriding', { reasons: overridden.map(reasonOf) }) : text('transport.tlsRequiredNo');
    return {
      verdict: 'deliver',
      rule: 'RFC 8689 §3',
      ...said(reason),
      ...(overridden[0]?.tlsrptResult ? { tlsrptResult: overridden[0].tlsrptResult } : {}),
      decidedBy: 'tls-required-no',
    };
  }
  const daneApplies = dane && dane.mode !== 'opportunistic';
  if (dane && daneApplies) {
    if (fails(dane.decision)) {
      if (!(mtaSts && !fails(mtaSts))) return { ...dane.decision, decidedBy: 'dane' };
      return { ...dane.decision, ...said(text('transport.daneFailsStsPassed', { reason: reasonOf(dane.decision) })), decidedBy: 'dane' };
    }
    if (dane.mode === 'authenticate' || !mtaSts) return { ...dane.decision, decidedBy: 'dane' };
    // Unusable TLSA records give TLS without authentication; an MTA-STS policy still asks for a valid certificate.
    const stricter = SEVERITY[mtaSts.verdict] >= SEVERITY[dane.decision.verdict] ? mtaSts : dane.decision;
    return { ...stricter, ...said(text('transport.both', { dane: reasonOf(dane.decision), sts: reasonOf(mtaSts) })), rule: stricter.rule, decidedBy: 'both' };
  }
  if (mtaSts) return { ...mtaSts, decidedBy: 'mta-sts' };
  if (dane) return { ...dane.decision, decidedBy: 'dane' };
  return { verdict: 'deliver', rule: 'RFC 3207 §4', ...said(text('transport.none')), decidedBy: 'none' };
}
