// The SMTP client session's vocabulary: events in, commands out, results as values.
import type { Text } from '../../../common/i18n/text.ts';
import type { EhloExtensions } from './extensions.ts';
import type { WaitingFor } from './reply-codes.ts';

/** What the adapter learnt from a completed TLS handshake. */
export interface TlsInfo {
  /** "TLSv1.3", "TLSv1.2", ... */
  version: string;
  cipher: string;
  /**
   * The peer's chain, leaf first, DER: as presented when the connection trusted no CA (under
   * DANE); otherwise issuers from the trust store may follow what the server sent.
   */
  peerChain: Uint8Array[];
  /** The chain validated against the sender's trust store and the name matched. */
  authorized: boolean;
  /** OpenSSL's or Node's code when not authorized, e.g. "UNABLE_TO_VERIFY_LEAF_SIGNATURE". */
  authorizationError?: string;
}

export type SessionEvent =
  | { type: 'connected' }
  | { type: 'received'; bytes: Uint8Array }
  | { type: 'tlsEstablished'; info: TlsInfo }
  | { type: 'tlsFailed'; error: string }
  | { type: 'timeout' }
  | { type: 'closed'; error?: string };

/** A choice the session made, with its rule: the trace shows it between the wire rows. */
export interface SessionNote {
  rule: string;
  reason: string;
  /** The reason as a catalogue Text, for the learner's language. */
  reasonText?: Text;
  /** Bytes dropped unread (RFC 3207 §6). */
  discardedBytes?: number;
}

export type SessionCommand =
  | { type: 'send'; bytes: Buffer; /** What the ladder shows: the command line, or "message (N bytes)". */ label: string }
  | { type: 'startTls'; servername: string }
  /** Arm (or re-arm) the reply timer; fire the `timeout` event when it runs out. */
  | { type: 'awaitReply'; waitingFor: WaitingFor; timeoutMs: number }
  | { type: 'note'; note: SessionNote }
  | { type: 'close' }
  | { type: 'done'; result: SessionResult };

export type Outcome = 'delivered' | 'deferred' | 'bounced';

export interface RecipientResult {
  recipient: string;
  outcome: Outcome;
  /** The server's reply code; absent when the session ended before the server judged this recipient. */
  code?: number;
  enhancedStatus?: string;
  reason: string;
  /** The reason as a catalogue Text, for the learner's language. */
  reasonText?: Text;
  rule: string;
}

export type SessionStage = 'greeting' | 'ehlo' | 'starttls' | 'tls' | 'mail' | 'rcpt' | 'data' | 'done';

export interface SessionResult {
  recipients: RecipientResult[];
  /** Where the session ended (or the last stage it reached). */
  stage: SessionStage;
  /** The EHLO reply's extensions in force at the end: after TLS, the post-handshake ones (RFC 3207 §4.2). */
  extensions?: EhloExtensions;
  /** STARTTLS was listed in the EHLO reply before TLS. */
  starttlsOffered: boolean;
  tls?: TlsInfo;
  /** Why the handshake failed: the TLS stack's error as it gave it, or the lab's sentence (tlsErrorText) when the peer just closed. */
  tlsError?: string;
  tlsErrorText?: Text;
  /** Bytes the server sent after its 220 to STARTTLS and before the handshake, dropped (RFC 3207 §6). */
  discardedAfterStarttls: number;
  /** A protocol error that ended the session: a malformed reply, a timeout, an early close. */
  error?: { rule: string; reason: string; reasonText?: Text };
}

/** The caller's policy about STARTTLS, asked after EHLO and again after a refused STARTTLS. */
export interface TlsPolicyInput {
  extensions: EhloExtensions;
  /** The server's reply when it refused STARTTLS (e.g. 454), for the second question. */
  refused?: { code: number; text: string };
}

export type TlsChoice =
  | { action: 'starttls'; rule: string; reason: string; reasonText?: Text }
  | { action: 'plaintext'; rule: string; reason: string; reasonText?: Text }
  | { action: 'quit'; rule: string; reason: string; reasonText?: Text; enhancedStatus?: string };

/** Asked after the handshake: does the session go on over this TLS, or QUIT (RFC 3207 §4.1, RFC 8461 §5)? */
export type AfterTlsChoice = { action: 'continue'; rule: string; reason: string; reasonText?: Text } | { action: 'quit'; rule: string; reason: string; reasonText?: Text; enhancedStatus?: string };

/** Asked before MAIL FROM; the caller may replace the session's own REQUIRETLS check (RFC 8689 §4.2.1). */
export interface BeforeMailInput {
  extensions: EhloExtensions;
  tls?: TlsInfo;
  requireTls: boolean;
}

export type BeforeMailChoice =
  | { action: 'send'; requireTls: boolean }
  | { action: 'quit'; outcome: 'deferred' | 'bounced'; rule: string; reason: string; reasonText?: Text; enhancedStatus?: string };

export interface SessionPolicy {
  tls(input: TlsPolicyInput): TlsChoice;
  afterTls?(info: TlsInfo): AfterTlsChoice;
  beforeMail?(input: BeforeMailInput): BeforeMailChoice;
}

export interface SmtpClientOptions {
  /** The name the sender greets with (EHLO/HELO), e.g. "mail.sender.example". */
  clientName: string;
  /** The MX host name, sent as SNI (RFC 8461 §7, RFC 7672 §8.1). */
  serverName: string;
  from: string;
  to: string[];
  /** The whole message, header and body; line ends are normalized to CRLF. */
  message: Uint8Array;
  /** MAIL FROM:<...> REQUIRETLS was asked for (RFC 8689). */
  requireTls?: boolean;
  policy: SessionPolicy;
  /** Overrides of the RFC 5321 §4.5.3.2 timeouts, e.g. shorter ones in a lab. */
  timeoutsMs?: Partial<Record<WaitingFor, number>>;
}
