// DMARC aggregate reports (RFC 7489 §7.2) as the receiving MTA mx.example.jp builds them from its
// own evaluations: what is counted and not yet reported, and each report built with where it went.
import type { Text } from './i18n/text.ts';

/** One row of a report: messages with the same source, identifiers, results and disposition (RFC 7489 Appendix C RecordType). */
export interface DmarcReportRow {
  sourceIp: string;
  count: number;
  disposition: 'none' | 'quarantine' | 'reject';
  /** DMARC-aligned results (policy_evaluated). */
  dkim: 'pass' | 'fail';
  spf: 'pass' | 'fail';
  reasons: { type: string; comment?: string }[];
  headerFrom: string;
  envelopeFrom: string;
  /** Raw results, uninterpreted by DMARC (auth_results). */
  dkimResults: { domain: string; selector: string; result: string }[];
  spfResults: { domain: string; scope: 'mfrom' | 'helo'; result: string }[];
}

/** The policy as the report states it (policy_published). */
export interface DmarcPolicyPublished {
  domain: string;
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  p: 'none' | 'quarantine' | 'reject';
  sp: 'none' | 'quarantine' | 'reject';
  pct: number;
  fo: string;
}

/** Evaluations of one policy domain counted since the last report. */
export interface DmarcPending {
  policyDomain: string;
  policy: DmarcPolicyPublished;
  /** The record's rua= URIs; empty: nobody asked for reports, none will be sent. */
  rua: string[];
  messages: number;
  rows: DmarcReportRow[];
}

export interface DmarcDelivery {
  uri: string;
  ok: boolean;
  detail: string;
  detailText?: Text;
}

/** A built aggregate report and where it went. */
export interface DmarcReportInfo {
  id: string;
  policyDomain: string;
  /** ISO 8601. */
  builtAt: string;
  /** The attachment's name (RFC 7489 §7.2.1.1), e.g. "mx.example.jp!sender.example!1767225600!1767229199.xml.gz". */
  fileName: string;
  /** Seconds since the epoch (date_range). */
  begin: number;
  end: number;
  policy: DmarcPolicyPublished;
  rows: DmarcReportRow[];
  /** The XML document as attached (before gzip). */
  xml: string;
  deliveries: DmarcDelivery[];
}

/** What `dmarc show` and the DMARC tab show: counted and not yet reported, and the reports built, newest first. */
export interface DmarcState {
  reporter: string;
  pending: DmarcPending[];
  reports: DmarcReportInfo[];
}
