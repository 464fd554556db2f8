// The vocabularies in the `detail` of policy and attack rows, shared so that a new kind of
// decision or attacker action cannot reach the trace without its text in the UI. Rows of these
// layers carry typed details; other layers still carry plain JSON in TraceEvent.detail.
import type { Text } from './i18n/text.ts';
import type { TraceEvent } from './trace.ts';

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
  [field: string]: unknown;
};

/** The detail of an attacker row, or null when the event is not one. */
export function attackDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): AttackDetail | null {
  const d = event.detail;
  if (event.layer !== 'attack' || !d || d.kind !== 'attack' || typeof d.attack !== 'string' || typeof d.action !== 'string') return null;
  return d as AttackDetail;
}
