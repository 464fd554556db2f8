import type { SecureVersion } from 'node:tls';

/** TLS as the receiver offers it with STARTTLS (RFC 3207); scenarios change these. */
export interface ReceiverTlsConfig {
  /** Offer STARTTLS. Off: not advertised and the command is refused. */
  enabled: boolean;
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** OpenSSL cipher string; unset: Node's default, or DEFAULT@SECLEVEL=0 when minVersion is below TLSv1.2. */
  ciphers?: string;
  /** Certificate and key presented; unset: the lab CA's leaf for the receiver's hostname. */
  certificate?: { certPem: string; keyPem: string };
  /** Refuse MAIL FROM before STARTTLS (Postfix smtpd_tls_security_level = encrypt). */
  requireTls?: boolean;
  /** AUTH only inside TLS (Postfix smtpd_tls_auth_only); unset: the opposite of ReceiverConfig.allowInsecureAuth. */
  authOnly?: boolean;
  /** Put the TLS version and cipher in the Received field (Postfix smtpd_tls_received_header); unset: yes. */
  receivedTlsClause?: boolean;
}

/**
 * What the receiver does with commands a client pipelined after STARTTLS, before the handshake.
 * RFC 3207 §6 says discard; "execute" runs them inside the TLS session as servers open to
 * CVE-2011-0411 did, for the STARTTLS injection lab only.
 */
export type StarttlsPlaintextMode = 'discard' | 'execute';

export interface ReceiverConfig {
  /** Lab hostname, used in the greeting and EHLO reply, e.g. "mx.example.jp". */
  hostname: string;
  /** Recipient domains accepted on port 25; anything else is relaying and refused. */
  domains: string[];
  tls: ReceiverTlsConfig;
  /** Largest message accepted, advertised with SIZE (RFC 1870). */
  sizeLimit: number;
  /** Submission (587) users for AUTH PLAIN/LOGIN: name -> password. */
  users: Record<string, string>;
  /** Allow AUTH on 587 before STARTTLS (RFC 4954 §4 says a server SHOULD NOT allow plaintext passwords without TLS). */
  allowInsecureAuth: boolean;
  starttlsPlaintext: StarttlsPlaintextMode;
  /** Bounds of the in-memory mailbox (defaults in mailbox.ts). */
  mailbox?: { maxMessages?: number; maxBytes?: number };
  /** ARC sealers (d=) whose chain may vouch for a message that failed DMARC after their change (RFC 8617 §7.2); default none. */
  trustedArcSealers?: string[];
  /** Message bytes all sessions may hold at once during DATA; beyond it a message gets 452 (default in receiver.ts). */
  inFlightBytes?: number;
  /**
   * Pause before the 220 greeting, in ms; a client that talks first gets 421 (Postfix's postscreen
   * greet pause, postscreen_greet_wait). Unset: 0, greet at once.
   */
  greetWaitMs?: number;
}

export const DEFAULT_SIZE_LIMIT = 10 * 1024 * 1024;

export function defaultReceiverConfig(overrides: Partial<ReceiverConfig> = {}): ReceiverConfig {
  return {
    hostname: 'mx.example.jp',
    domains: ['example.jp'],
    sizeLimit: DEFAULT_SIZE_LIMIT,
    users: { alice: 'alice-password', bob: 'bob-password' },
    allowInsecureAuth: false,
    starttlsPlaintext: 'discard',
    ...overrides,
    tls: { enabled: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', ...overrides.tls },
  };
}
