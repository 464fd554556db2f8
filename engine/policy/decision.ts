// Every policy decision is a value: the sender acts on it, the trace shows it, TLS-RPT counts it,
// tests assert it. Never a log line as the only record of a decision.
import type { Text } from '../../common/i18n/text.ts';

/** RFC 8460 §4.3 result types, the vocabulary TLS-RPT counts failures in. */
export type TlsRptResultType =
  | 'starttls-not-supported'
  | 'certificate-host-mismatch'
  | 'certificate-expired'
  | 'certificate-not-trusted'
  | 'validation-failure'
  | 'tlsa-invalid'
  | 'dnssec-invalid'
  | 'dane-required'
  | 'sts-policy-fetch-error'
  | 'sts-policy-invalid'
  | 'sts-webpki-invalid';

export const TLSRPT_RESULT_TYPES: readonly TlsRptResultType[] = [
  'starttls-not-supported',
  'certificate-host-mismatch',
  'certificate-expired',
  'certificate-not-trusted',
  'validation-failure',
  'tlsa-invalid',
  'dnssec-invalid',
  'dane-required',
  'sts-policy-fetch-error',
  'sts-policy-invalid',
  'sts-webpki-invalid',
];

/**
 * What the sending MTA does with one MX host.
 * - deliver: go on with the transaction.
 * - deliver-report-failure: go on, and count a failure for TLS-RPT (MTA-STS testing, unusable TLSA).
 * - try-next-mx: treat this host as unreachable (a transient failure); next MX, or queue when none is left.
 * - defer: keep the message queued for the whole domain and retry later.
 */
export type Verdict = 'deliver' | 'deliver-report-failure' | 'try-next-mx' | 'defer';

export interface PolicyDecision {
  verdict: Verdict;
  /** The RFC rule this follows, e.g. "RFC 8461 §5". */
  rule: string;
  /** Plain English a learner reads in the trace (reasonText rendered in English). */
  reason: string;
  /** The same sentence as a catalogue Text, shown in the learner's language. */
  reasonText?: Text;
  /** The failure TLS-RPT counts for this session; absent when the session counts as a success. */
  tlsrptResult?: TlsRptResultType;
}

/** RFC 4035 §4.3 validation outcomes, as the lab's validating resolver reports them. */
export type DnssecStatus = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

/** How the PKIX (RFC 5280) validation of a presented chain against the sender's trust store ended. */
export type PkixStatus = 'valid' | 'expired' | 'not-trusted' | 'invalid';

/** The TLS part of one SMTP session, as the client saw it. */
export interface TlsObservation {
  /** The EHLO reply listed STARTTLS. */
  starttlsOffered: boolean;
  /**
   * STARTTLS was offered, and the STARTTLS command was answered with this reply instead of 220
   * (454 "TLS not available due to temporary reason", RFC 3207 §4): no handshake follows.
   */
  starttlsRefused?: { code: number; text: string };
  /** Absent when STARTTLS was not tried; ok false when the handshake failed (the TLS stack's error, or the lab's sentence). */
  handshake?: { ok: true; version: string } | { ok: false; error: string | Text };
}

/** The reply that refused an offered STARTTLS, as sent ("454 4.7.0 ..."), or null. */
export function starttlsRefusal(tls: TlsObservation): string | null {
  const refused = tls.starttlsRefused;
  return refused ? `${refused.code} ${refused.text}`.trim() : null;
}
