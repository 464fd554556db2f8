// Reply codes the sending side acts on (RFC 5321 §4.2.2, §4.2.3; RFC 3207 §4) and the
// per-command timeouts a client MUST apply (RFC 5321 §4.5.3.2), as values the adapter arms.

export const REPLY = {
  SERVICE_READY: 220,
  CLOSING: 221,
  OK: 250,
  WILL_FORWARD: 251,
  START_MAIL_INPUT: 354,
  SERVICE_NOT_AVAILABLE: 421,
  TLS_NOT_AVAILABLE: 454,
  SYNTAX_ERROR: 500,
  PARAMETER_ERROR: 501,
  NOT_IMPLEMENTED: 502,
  TRANSACTION_FAILED: 554,
} as const;

export type ReplyClass = 'positive-completion' | 'positive-intermediate' | 'transient' | 'permanent';

/** RFC 5321 §4.2.1: the first digit says how the command went. */
export function replyClass(code: number): ReplyClass {
  if (code >= 500) return 'permanent';
  if (code >= 400) return 'transient';
  if (code >= 300) return 'positive-intermediate';
  return 'positive-completion';
}

export type WaitingFor = 'greeting' | 'ehlo' | 'helo' | 'starttls' | 'mail' | 'rcpt' | 'data' | 'data-end' | 'quit';

/** RFC 5321 §4.5.3.2.1–§4.5.3.2.6, in milliseconds. EHLO, STARTTLS and QUIT have no figure there; they get MAIL's. */
export const RFC5321_TIMEOUTS_MS: Readonly<Record<WaitingFor, number>> = {
  greeting: 5 * 60_000,
  ehlo: 5 * 60_000,
  helo: 5 * 60_000,
  starttls: 5 * 60_000,
  mail: 5 * 60_000,
  rcpt: 5 * 60_000,
  data: 2 * 60_000,
  'data-end': 10 * 60_000,
  quit: 5 * 60_000,
};
