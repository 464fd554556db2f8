// The vocabularies in the `detail` of policy and attack rows, shared so that a new kind of
// decision or attacker action cannot reach the trace without its text in the UI. Rows of these
// layers carry typed details; other layers still carry plain JSON in TraceEvent.detail.
import type { Text } from './i18n/text.ts';
import type { DnsChainLink } from './dns.ts';
import type { TraceEvent } from './trace.ts';

/**
 * The sentence of a row about bytes (a connection opened, a message stored, a TLS record) as a
 * catalogue Text, rendered in the reader's language where the row is shown; the row's `summary`
 * is its English. A row whose summary is the bytes themselves (an SMTP command) has none.
 */
export type RowSentence = { summaryText?: Text };

/**
 * The `detail` of a `tcp` row: the connection opened, a FIN or RST from one side, the connect
 * refused, a filter on the path refusing it (OP25B), or the connection closed with its counts.
 */
export type TcpDetail = RowSentence &
  (
    | { kind: 'open'; clientPort?: number }
    | { kind: 'fin' }
    | { kind: 'reset'; error: string }
    | { kind: 'refused'; error: string }
    | { kind: 'blocked'; by: string; rule: string }
    | { kind: 'closed'; octets: { c2s: number; s2c: number }; durationMs: number; reset: boolean }
  );

const TCP_KINDS: ReadonlySet<string> = new Set<TcpDetail['kind']>(['open', 'fin', 'reset', 'refused', 'blocked', 'closed']);

/** The detail of a tcp row, or null when the event is not one. */
export function tcpDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): TcpDetail | null {
  const d = event.detail;
  if (event.layer !== 'tcp' || !d || typeof d.kind !== 'string' || !TCP_KINDS.has(d.kind)) return null;
  if ((d.kind === 'reset' || d.kind === 'refused') && typeof d.error !== 'string') return null;
  if (d.kind === 'closed' && (typeof d.octets !== 'object' || d.octets === null)) return null;
  return d as TcpDetail;
}

/** The `detail` of a `mailbox` row: a message stored at the receiver, or the oldest dropped to bound memory. */
export type MailboxDetail = RowSentence &
  (
    | {
        kind: 'stored';
        id: string;
        subject?: string;
        size: number;
        mailFrom: string;
        rcptTo: string[];
        /** null: the message came in plaintext. */
        tls: { version: string; cipher: string } | null;
        /** The SMTP AUTH identity on the submission port, null without AUTH. */
        authUser?: string | null;
        /** RFC 8689 §4.1: the message carried REQUIRETLS. */
        requireTls: boolean;
        /** The Received field the receiver prepended. */
        received: string;
      }
    | { kind: 'mailbox-dropped'; ids: string[]; octets: number; total: number }
  );

/** The detail of a mailbox row, or null when the event is not one. */
export function mailboxDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): MailboxDetail | null {
  const d = event.detail;
  if (event.layer !== 'mailbox' || !d) return null;
  if (d.kind === 'stored') return typeof d.id === 'string' && typeof d.mailFrom === 'string' ? (d as MailboxDetail) : null;
  if (d.kind === 'mailbox-dropped') return Array.isArray(d.ids) && typeof d.octets === 'number' ? (d as MailboxDetail) : null;
  return null;
}

/**
 * The `detail` of an `https` row: a request to the MTA-STS policy host or the TLS-RPT collector
 * (c2s), and the answer (s2c) with what the host made of it.
 */
export type HttpsDetail = RowSentence &
  (
    | { kind: 'request'; method: string; path: string; host: string; contentType?: string; contentLength?: number }
    | {
        kind: 'response';
        status: number;
        contentType?: string;
        bytes: number;
        location?: string;
        /** The policy host's misbehaviour on purpose (README "MTA-STS"), when one is set. */
        lesson?: string;
        /** The collector's one-line answer, and what it stored. */
        reason?: string;
        reasonText?: Text;
        mediaType?: string;
        reportId?: string;
        organization?: string;
      }
  );

/** The detail of an https row (rows written before `kind` was added are read by their fields), or null. */
export function httpsDetail(event: Pick<TraceEvent, 'layer' | 'detail' | 'dir'>): HttpsDetail | null {
  const d = event.detail;
  if (event.layer !== 'https' || !d) return null;
  if ((d.kind === 'request' || (d.kind === undefined && event.dir === 'c2s')) && typeof d.method === 'string') {
    return { ...(d as object), kind: 'request', path: typeof d.path === 'string' ? d.path : '', host: typeof d.host === 'string' ? d.host : '' } as HttpsDetail;
  }
  if ((d.kind === 'response' || (d.kind === undefined && event.dir === 's2c')) && typeof d.status === 'number') {
    return { ...(d as object), kind: 'response', bytes: typeof d.bytes === 'number' ? d.bytes : 0 } as HttpsDetail;
  }
  return null;
}

/** An RRSIG as a dns row lists it. */
export interface DnsRrsigSummary {
  covered: string;
  keyTag: number;
  signer: string;
  expiration: number;
}

/**
 * The `detail` of a `dns` row: a query on the wire (c2s), its reply (s2c), the resolver's verdict
 * (DNSSEC status and why), or the zone editor re-signing a zone after a change or a new mode.
 */
export type DnsDetail = RowSentence &
  (
    | { kind: 'query'; name: string; type: string; purpose: string; dnssecOk: boolean }
    | { kind: 'reply'; name: string; type: string; purpose: string; rcode: string; answers: string[]; rrsigs: DnsRrsigSummary[] }
    | {
        kind: 'verdict';
        name: string;
        type: string;
        status: 'secure' | 'insecure' | 'bogus' | 'unchecked';
        rcode: string;
        validating: boolean;
        answers: string[];
        rrsigs: DnsRrsigSummary[];
        reason: string;
        reasonText?: Text;
        key: { zone: string; keyTag: number | null } | null;
        chain: DnsChainLink[];
        cached: boolean;
      }
    | { kind: 'zone-mode'; zone: string; op: 'mode'; before: string; after: string; resigned: true }
    | {
        kind: 'zone-change';
        zone: string;
        op: 'add' | 'replace' | 'delete';
        name: string;
        type: string;
        /** The RRset before and after, in presentation form. */
        before: string[];
        after: string[];
        serial: number;
        /** The record data added (add, replace), as the row shows it. */
        record?: string;
        resigned: true;
      }
  );

const VERDICT_STATUSES: ReadonlySet<string> = new Set(['secure', 'insecure', 'bogus', 'unchecked']);

/** Which dns row a detail without `kind` (an older row) is, read from its fields. */
function dnsKind(d: Record<string, unknown>, dir: TraceEvent['dir']): DnsDetail['kind'] | null {
  if (typeof d.kind === 'string') return d.kind as DnsDetail['kind'];
  if (typeof d.zone === 'string' && typeof d.op === 'string') return d.op === 'mode' ? 'zone-mode' : 'zone-change';
  if (dir === 'c2s' && typeof d.purpose === 'string') return 'query';
  if (dir === 's2c' && typeof d.rcode === 'string') return 'reply';
  if (dir === 'none' && typeof d.status === 'string') return 'verdict';
  return null;
}

/** The detail of a dns row, or null when the event is not one. */
export function dnsDetail(event: Pick<TraceEvent, 'layer' | 'detail' | 'dir'>): DnsDetail | null {
  const d = event.detail;
  if (event.layer !== 'dns' || !d) return null;
  const kind = dnsKind(d, event.dir);
  if (kind === null || typeof (d.name ?? d.zone) !== 'string') return null;
  if (kind === 'verdict' && !VERDICT_STATUSES.has(d.status as string)) return null;
  const lists = { answers: Array.isArray(d.answers) ? d.answers : [], rrsigs: Array.isArray(d.rrsigs) ? d.rrsigs : [] };
  return { ...(d as object), ...(kind === 'reply' || kind === 'verdict' ? lists : {}), kind } as DnsDetail;
}

/** A `note` row of the mail checker: a test of a domain starts, or ends with its score. */
export type CheckerNoteDetail =
  | { kind: 'checker'; phase: 'start'; domain: string; summaryText: Text }
  | { kind: 'checker'; phase: 'end'; domain: string; score: number; failed: string[]; passed: string[]; summaryText: Text };

/**
 * The `detail` of a `note` row: what the lab itself says beside the protocol. Each carries its
 * sentence as a Text (summaryText) except a main.cf change, whose words the UI builds from its fields.
 */
export type NoteDetail =
  | ConfigChangeDetail
  | CheckerNoteDetail
  /** A decoder or an interceptor threw; the bytes went on (engine/protocol/error-notes.ts). */
  | { kind: 'decoder-error' | 'interceptor-error'; error: string; summaryText: Text; transport?: string }
  /** The DNS relay had no reply to pass on. */
  | { kind: 'no-reply'; error: string; summaryText: Text; transport?: string }
  /** The receiver switched the key it presents (DANE rollover). */
  | { kind: 'receiver-key'; key: string; spki: string; tlsaPublished: boolean; summaryText: Text }
  | { kind: 'lab-reset' | 'dkim-key' | 'arc-trust'; summaryText: Text; [field: string]: unknown };

/** The detail of a note row, or null when the event is not one (or an older row without the fields). */
export function noteDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): NoteDetail | null {
  const d = event.detail;
  if (event.layer !== 'note' || !d || typeof d.kind !== 'string') return null;
  if (d.kind === 'config') return typeof d.param === 'string' && typeof d.node === 'string' ? (d as unknown as ConfigChangeDetail) : null;
  return isSentence(d.summaryText) ? (d as NoteDetail) : null;
}

/** A Text's shape (common/i18n/text.ts isText checks the key against the catalogue as well). */
const isSentence = (value: unknown): value is Text => typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

/** What a `policy` row (the sending MTA's decision) is about: detail.decision. */
export type DecisionKind =
  | 'mx'
  | 'mta-sts-discovery'
  | 'mta-sts-fetch'
  | 'mta-sts-mx'
  | 'mta-sts'
  | 'dane'
  | 'address'
  | 'route'
  | 'session'
  | 'transport'
  | 'requiretls'
  | 'fallback'
  | 'result'
  | 'tlsrpt'
  | 'queue';

/** What an `attack` row says the attacker did: detail.action. */
export type AttackAction = 'on' | 'off' | 'observe' | 'rewrite' | 'refuse' | 'inject' | 'kill' | 'detect' | 'intercept-tls' | 'learn' | 'forge' | 'route' | 'receive';

/**
 * A `note` row with detail.kind "config": one main.cf parameter of a lab MTA changed
 * (postconf -e, the main.cf pane, a lab reset). `old` and `new` are main.cf values as written.
 */
export interface ConfigChangeDetail {
  kind: 'config';
  /** The MTA it configures: "mx.example.jp" (smtpd_*) or "mail.sender.example" (smtp_*). */
  node: string;
  param: string;
  old: string;
  new: string;
  /** What made the change: postconf -e, the main.cf text, or a reset to the lab's main.cf. */
  via: 'postconf -e' | 'main.cf' | 'reset';
  summaryText?: Text;
}

/** Facts of an MTA-STS policy fetch, as the fetch row carries them. */
export type PolicyFetchFacts = {
  policyHost?: string;
  http?: { status: number; contentType?: string; location?: string; bytes: number };
  tls?: { version: string; cipher: string; pkix: string; authorizationError?: string; certNames: string[] };
  mx?: string[];
  errors?: { line?: number; message: string; rule: string }[];
};

/** What a decision adds beyond its reason: the lookup status, the mode, what decided. */
export type PolicyExtra = PolicyFetchFacts & {
  dnssec?: string;
  mode?: string;
  decidedBy?: string;
};

/** The `detail` of a `policy` row: one decision of the sending MTA. */
export type PolicyDetail = PolicyExtra & {
  kind: 'policy';
  decision: DecisionKind;
  /** deliver / try-next-mx / defer / bounce ..., when the decision has one. */
  verdict?: string;
  /** The sender policy of the delivery, e.g. "mta-sts". */
  policy: string;
  domain: string;
  /** Queue id of the message. */
  message: string;
  mxHost?: string;
  /** The reason in English (reasonText rendered in English). */
  reason: string;
  /** The reason as a catalogue Text, rendered in the reader's language. */
  reasonText?: Text;
};

/** The detail of a policy row, or null when the event is not one. */
export function policyDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): PolicyDetail | null {
  const d = event.detail;
  if (event.layer !== 'policy' || !d || d.kind !== 'policy' || typeof d.decision !== 'string') return null;
  return d as PolicyDetail;
}

/** What a DNS forger did to one reply: the question ("name TYPE"), and how many records it put in. */
export interface DnsForgery {
  forger: string;
  change: 'replaced' | 'removed' | 'dropped';
  question: string;
  /** Records written in place of the real RRset (change "replaced"). */
  records?: number;
}

/** The `detail` of an `attack` row: what the attacker did, and the fields of that action. */
export type AttackDetail = {
  kind: 'attack';
  /** The attack's name, e.g. "strip-starttls". */
  attack: string;
  action: AttackAction;
  /** What it did as a catalogue Text; the row's summary is its English. */
  summaryText?: Text;
  params?: Record<string, string>;
  links?: string[];
  /** A reply a DNS forger changed or dropped on the path. */
  forgery?: DnsForgery;
  [field: string]: unknown;
};

/** The detail of an attacker row, or null when the event is not one. */
export function attackDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): AttackDetail | null {
  const d = event.detail;
  if (event.layer !== 'attack' || !d || d.kind !== 'attack' || typeof d.attack !== 'string' || typeof d.action !== 'string') return null;
  return d as AttackDetail;
}

/** What a "learn" attack row adds: one fact the attacker read off the wire (detail.what). */
export type LearnedFact =
  | { what: 'mail-from'; value: string }
  | { what: 'rcpt-to'; value: string }
  | { what: 'credential'; mechanism: string; user: string; password: string }
  | { what: 'message'; subject: string; headerFields: number; bodyChars: number; complete: boolean };

/** The fact of a "learn" attack row, or null when the event is not one (or its fields are not a fact's). */
export function learnedFact(event: Pick<TraceEvent, 'layer' | 'detail'>): LearnedFact | null {
  const d = attackDetail(event);
  if (!d || d.action !== 'learn') return null;
  switch (d.what) {
    case 'mail-from':
    case 'rcpt-to':
      return typeof d.value === 'string' ? { what: d.what, value: d.value } : null;
    case 'credential':
      return typeof d.mechanism === 'string' && typeof d.user === 'string' && typeof d.password === 'string' ? { what: 'credential', mechanism: d.mechanism, user: d.user, password: d.password } : null;
    case 'message':
      return typeof d.subject === 'string' && typeof d.headerFields === 'number' && typeof d.bodyChars === 'number'
        ? { what: 'message', subject: d.subject, headerFields: d.headerFields, bodyChars: d.bodyChars, complete: d.complete === true }
        : null;
    default:
      return null;
  }
}
