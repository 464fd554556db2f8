// The sending MTA (mail.sender.example) as the UI, the CLI and tests see it: what to send, how
// each message fared, the notices it produced and the TLS-RPT reports built so far.
import type { AuthFolder, AuthSummary } from './auth.ts';
import type { Text } from './i18n/text.ts';

/** How the sender decides about TLS for one delivery (README "Sender policies"). */
export type SenderPolicyName = 'opportunistic' | 'fallback' | 'mta-sts' | 'dane' | 'dane+mta-sts';

export const SENDER_POLICIES: readonly SenderPolicyName[] = ['opportunistic', 'fallback', 'mta-sts', 'dane', 'dane+mta-sts'];

export interface SendRequest {
  from: string;
  /** One or more recipients; all must share one domain. */
  to: string[];
  subject: string;
  body: string;
  /** Overrides the sender's main.cf (smtp_tls_security_level ...) for this message; absent: main.cf decides. */
  policy?: SenderPolicyName;
  /**
   * Validate DNSSEC on the sender's lookups. Off by default for opportunistic, fallback and
   * mta-sts; DANE always validates, whatever this says.
   */
  dnssec?: boolean;
  /** MAIL FROM:<...> REQUIRETLS (RFC 8689). */
  requireTls?: boolean;
  /** Add "TLS-Required: No" to the header (RFC 8689 §3). */
  tlsRequiredNo?: boolean;
  /** fallback policy: send TLS_FALLBACK_SCSV on a retry with a lower version (RFC 7507). Default true. */
  fallbackScsv?: boolean;
  /**
   * The sender's TLS stack retries a failed handshake at lower versions (TLS 1.2, 1.1, 1.0) before
   * its policy hears of the failure, as the fallback policy does: the behaviour a downgrade attack
   * exploits. fallbackScsv says whether those retries carry TLS_FALLBACK_SCSV.
   */
  versionFallback?: boolean;
}

/** Where a queued message stands. deferred messages are retried; delivered and bounced are final. */
export type OutboundState = 'queued' | 'delivering' | 'deferred' | 'delivered' | 'bounced';

export interface TlsSummary {
  version: string;
  cipher: string;
  /** How the certificate was authenticated; null for unauthenticated (opportunistic) TLS. */
  authenticated: 'pkix' | 'dane' | null;
  /**
   * A policy in force for this session required the certificate to be authenticated: DANE with
   * usable TLSA records, an MTA-STS enforce policy, smtp_tls_security_level verify or secure.
   * False for opportunistic TLS, encrypt, MTA-STS testing, whatever `authenticated` found.
   */
  authenticationRequired?: boolean;
  /** When required: the policy that required it (verify, secure: smtp_tls_security_level). */
  authenticationRequiredBy?: AuthenticationPolicy;
}

/** A policy that requires an authenticated certificate: DANE, MTA-STS enforce, smtp_tls_security_level verify or secure. */
export type AuthenticationPolicy = 'dane' | 'mta-sts' | 'verify' | 'secure';

/** One attempt at one MX host. */
export interface DeliveryAttempt {
  /** ISO 8601. */
  at: string;
  mxHost: string;
  /** The lab address the MX host resolved to (a label). */
  address: string | null;
  /** Trace flow of the SMTP connection, when one was opened. */
  flow: string | null;
  tls: TlsSummary | null;
  /** How this attempt ended for the message. */
  result: 'delivered' | 'try-next-mx' | 'deferred' | 'bounced';
  reason: string;
  /** The reason as a catalogue Text, in the reader's language where shown. */
  reasonText?: Text;
  rule: string;
  /** The lower TLS versions this attempt retried after failed handshakes (the fallback policy), or null. */
  downgrade: DowngradeOutcome | null;
}

/**
 * What became of a sender that falls back to lower TLS versions after failed handshakes
 * (RFC 7507 §1): what it offered, what (if anything) refused to go lower, and what it did next.
 */
export interface DowngradeOutcome {
  /** The highest version each handshake offered, in order ("TLSv1.3" is the first, unbounded one). */
  offered: string[];
  /** The retries carried TLS_FALLBACK_SCSV (RFC 7507 §4). */
  scsv: boolean;
  /** The rule that refused a lower version, "RFC 7507 §3" when the server answered inappropriate_fallback; null when nothing did. */
  stoppedBy: string | null;
  /** What the sender did after the failed handshakes: went on over TLS at a lower version, in plaintext, or not at all. */
  then: 'tls' | 'plaintext' | 'gave-up';
  /** The version the session finally used when then is 'tls'. */
  version: string | null;
}

/** A DSN-like notice to the sender (RFC 3464 field names), shown in the UI and printed by the CLI. */
export interface DeliveryNotice {
  kind: 'delivered' | 'delayed' | 'failed';
  /** Enhanced status code (RFC 3463), e.g. "2.0.0", "4.7.5", "5.7.10". */
  status: string;
  /** The whole notice as text (English): a human part, then "Reporting-MTA:", "Final-Recipient:", "Action:", "Status:", "Diagnostic-Code:". */
  text: string;
  /** The same notice line by line: field lines verbatim, sentences as Texts; render with noticeText(locale, lines). */
  lines?: (string | Text)[];
}

export interface OutboundMessage {
  /** Queue id, e.g. "Q0001". */
  id: string;
  /** The Message-ID header field of the message, e.g. "<...@sender.example>". */
  messageId: string;
  /** ISO 8601. */
  queuedAt: string;
  request: SendRequest;
  state: OutboundState;
  attempts: DeliveryAttempt[];
  /** ISO 8601 time of the next retry while deferred. */
  nextRetryAt: string | null;
  /** The latest notice (delayed while deferred, then delivered or failed). */
  notice: DeliveryNotice | null;
  /** The verdict after the latest round (the lab judges it from the mailbox and the attacker); null while queued. */
  outcome: SendOutcome | null;
  /** Size in octets of the message as queued (what mailq shows). */
  size?: number;
  /** ISO 8601: when a starting lab took this message up from the queue a stopped or crashed lab left. */
  resumedAt?: string;
  /** A TLS-RPT report the sender mails itself: its sessions are left out of the next report (RFC 8460 §3). */
  tlsrptReport?: boolean;
}

/** The answer of `smtp-lab send --json` and of the "outcome" the attack lessons check. */
export interface SendOutcome {
  /** True only when the genuine mx.example.jp accepted the message. */
  delivered: boolean;
  tls: TlsSummary | null;
  /** The attacker read this message on one of its own connections, by relaying it in plaintext, inside TLS it ended, or as an impostor. */
  attackerRead: boolean;
  /** The rule that refused to deliver, e.g. "RFC 8461 §5"; null when nothing refused. */
  stoppedBy: string | null;
  /** The TLS version fallback of the attempt that decided (the fallback policy), or null when no handshake was retried lower. */
  downgrade: DowngradeOutcome | null;
  reason: string;
  /** The reason as a catalogue Text. */
  reasonText?: Text;
  /**
   * What the genuine receiver's sender-authentication checks said (its Authentication-Results),
   * one word per mechanism; null when the message did not reach it or no check ran.
   */
  auth?: AuthSummary | null;
  /** Where the genuine receiver put it: inbox, junk (DMARC quarantine) or rejected (DMARC reject); null when it never got there. */
  folder?: AuthFolder | null;
}

/** A built TLS-RPT report (RFC 8460 §4) and where it went. */
export interface TlsRptReportInfo {
  id: string;
  policyDomain: string;
  /** ISO 8601. */
  builtAt: string;
  /** The JSON report object as sent. */
  report: Record<string, unknown>;
  /**
   * The failure-reason-code of each failure detail (report.policies[policy]['failure-details'][detail])
   * as a person reads it: the English the report carries and, when the lab wrote it, its Text.
   */
  failureReasons?: { policy: number; detail: number; reason: string; reasonText?: Text }[];
  /** detailText: the detail as a catalogue Text when the lab wrote it (a collector's own answer stays a string). */
  deliveries: { uri: string; ok: boolean; detail: string; detailText?: Text }[];
}

/** The MTA-STS policy host's current content for a domain, as the policy editor shows it. */
export interface PolicyHostEntry {
  domain: string;
  text: string;
  mediaType: string;
  /** A misbehaviour the host shows on purpose, or null for a normal answer. */
  lesson: PolicyHostLesson | null;
  /** What RFC 8461 §3.2 finds wrong with the text (empty when it parses); the host serves it anyway. */
  problems: { line?: number; message: string; messageText?: Text; rule: string }[];
}

export type PolicyHostLesson = 'wrong-media-type' | 'redirect' | 'not-found' | 'oversize' | 'slow';

export const POLICY_HOST_LESSONS: readonly PolicyHostLesson[] = ['wrong-media-type', 'redirect', 'not-found', 'oversize', 'slow'];
