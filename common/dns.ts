// The lab DNS as the renderer, the CLI and the API see it: plain JSON, no wire types.
import type { Text } from './i18n/text.ts';

export type DnsStatus = 'secure' | 'insecure' | 'bogus' | 'unchecked';

export const DNS_ZONE_MODES = ['signed', 'unsigned', 'bad-signature', 'expired-rrsig', 'missing-ds', 'wrong-ds'] as const;
export type DnsZoneMode = (typeof DNS_ZONE_MODES)[number];

export const DNS_EDIT_OPS = ['add', 'replace', 'delete'] as const;
export type DnsEditOp = (typeof DNS_EDIT_OPS)[number];

/** One link of the chain of trust (root -> jp -> example.jp). */
export interface DnsChainLink {
  zone: string;
  state: 'secure' | 'insecure' | 'bogus';
  /** Key tags of the DS records in the parent that vouched for the zone; empty at the root. */
  ds: number[];
  /** Key tag of the key that signed the zone's DNSKEY RRset. */
  keyTag?: number;
  rule: string;
  reason: string;
  /** The reason as a catalogue Text, for the learner's language. */
  reasonText?: Text;
}

export interface DnsAnswer {
  name: string;
  type: string;
  status: DnsStatus;
  rcode: string;
  /** RDATA of each answer, e.g. "10 mx.example.jp." */
  answers: string[];
  /** Whole answer records in presentation form. */
  records: string[];
  rrsigs: string[];
  reason: string;
  /** The reason as a catalogue Text, for the learner's language. */
  reasonText?: Text;
  rule: string;
  /** The zone whose key decided, and that key's tag. */
  zone: string | null;
  keyTag: number | null;
  chain: DnsChainLink[];
  cached: boolean;
  validating: boolean;
}

export interface DnsZoneInfo {
  origin: string;
  mode: DnsZoneMode;
  /** Records in presentation form, without the signer's DNSKEY/RRSIG/NSEC/DS. */
  records: string[];
}

export interface DnsEdit {
  op: DnsEditOp;
  zone: string;
  name: string;
  type: string;
  ttl?: number;
  value?: string;
}

export type DnsEditResult =
  | { ok: true; zone: string; summary: string; summaryText?: Text; serial: number; change?: { name: string; type: string; record?: string }; mode?: { before: string; after: string } }
  | { ok: false; field: string; message: string; messageText?: Text; rule: string };
