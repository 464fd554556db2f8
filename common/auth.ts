// Sender authentication as the receiving MTA found it (SPF RFC 7208, DKIM RFC 6376, DMARC
// RFC 7489, ARC RFC 8617) and what it did about it: the values behind the
// Authentication-Results field it wrote (RFC 8601), shown by the mailbox, the CLI and lab checks.

import type { Text } from './i18n/text.ts';

/** RFC 8601 §2.7 result words (SPF adds softfail, RFC 7208 §2.6; "policy" is RFC 8601 §2.7.1). */
export const AUTH_RESULT_WORDS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'] as const;
export type AuthResultWord = (typeof AUTH_RESULT_WORDS)[number];

/** Where an accepted message went; "rejected" is for a message refused at the end of DATA. */
export type MailFolder = 'inbox' | 'junk';
export const AUTH_FOLDERS = ['inbox', 'junk', 'rejected'] as const;
export type AuthFolder = (typeof AUTH_FOLDERS)[number];

export interface SpfCheck {
  result: AuthResultWord;
  /** The domain checked: the MAIL FROM domain, or the HELO name for a null sender (RFC 7208 §2.4). */
  domain: string;
  /** smtp.mailfrom as written in the field. */
  mailFrom: string;
  clientIp: string;
  /** The library's explanation, e.g. "domain of alice@sender.example designates 198.51.100.25 as permitted sender". */
  comment: string;
}

export interface DkimCheck {
  result: AuthResultWord;
  /** d= of the signature. */
  domain: string;
  /** s= of the signature. */
  selector: string;
  /** The first characters of b= (RFC 6008 header.b). */
  b: string;
  comment: string;
  /** Whether d= aligns with the From domain (RFC 7489 §3.1.1); false when it does not. */
  aligned: boolean;
  /** What the library (mailauth) reported, when the receiver writes another word (see evaluate). */
  libraryResult?: AuthResultWord;
}

export interface DmarcCheck {
  result: AuthResultWord;
  /** The RFC 5322.From domain. */
  fromDomain: string;
  /** The policy requested by the record that applies (p=, or sp= for a subdomain); null without a record. */
  policy: 'none' | 'quarantine' | 'reject' | null;
  /** Which identifiers aligned: the SPF and DKIM domains that gave a pass in alignment. */
  alignedSpf: string | null;
  alignedDkim: string | null;
  /** The record's rua= (aggregate report addresses), for the report lab. */
  rua: string[];
  comment: string;
  /** The domain at which the record was found: the From domain or its Organizational Domain (RFC 7489 §6.6.3). */
  policyDomain?: string;
  /** The DMARC record as published, for the aggregate report's policy_published (RFC 7489 §7.2). */
  record?: string;
}

export interface ArcCheck {
  result: AuthResultWord;
  /** Number of ARC sets (the highest i=). */
  instances: number;
  /** d= of the newest ARC-Seal, i.e. the last intermediary that sealed. */
  sealer: string | null;
  /** The dkim/spf/dmarc results the first sealer recorded (ARC-Authentication-Results i=1), verbatim. */
  firstResults: string | null;
  comment: string;
}

/** What the receiver did with the message because of DMARC (RFC 7489 §6.6.2, §6.7). */
export interface AuthDisposition {
  action: 'accept' | 'quarantine' | 'reject';
  /** The rule behind it, e.g. "RFC 7489 §6.6.2 (p=reject)". */
  rule: string;
  /** Why, in English (the reply text of a rejection, after "550 5.7.1"). */
  reason: string;
  /** The same as a catalogue Text, for the reader's language. */
  reasonText?: Text;
  /** RFC 7489 §7.2 override reason when local policy did something else than the record asked. */
  override: 'local_policy' | 'trusted_forwarder' | 'mailing_list' | null;
}

/** Everything the receiver's checks found for one message. A check that is off is null. */
export interface MessageAuth {
  /** The authserv-id of the field (RFC 8601 §2.5): the receiver's host name. */
  authservId: string;
  spf: SpfCheck | null;
  dkim: DkimCheck[] | null;
  dmarc: DmarcCheck | null;
  arc: ArcCheck | null;
  disposition: AuthDisposition;
  /** The Authentication-Results field as written, folded, without the final CRLF. */
  header: string;
}

/** The outcome's short form (`smtp-lab send --json`): one word per mechanism, null when not checked. */
export interface AuthSummary {
  spf: AuthResultWord | null;
  dkim: AuthResultWord | null;
  dmarc: AuthResultWord | null;
  arc?: AuthResultWord | null;
}

/** A message the receiver refused at the end of DATA because of its checks (the mail log's line). */
export interface RejectedMessage {
  at: string;
  messageId: string | null;
  mailFrom: string;
  rcptTo: string[];
  headerFrom: string | null;
  subject: string;
  flow: string;
  /** The reply sent, e.g. "550 5.7.1 ...". */
  reply: string;
  auth: MessageAuth;
}

/** DKIM's word for a message: the best signature's (pass over the rest), none without signatures. */
export function dkimWord(dkim: readonly DkimCheck[] | null): AuthResultWord | null {
  if (dkim === null) return null;
  if (dkim.length === 0) return 'none';
  const order: AuthResultWord[] = ['pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror', 'softfail', 'none'];
  return [...dkim].sort((a, b) => order.indexOf(a.result) - order.indexOf(b.result))[0].result;
}

export function authSummary(auth: MessageAuth): AuthSummary {
  return { spf: auth.spf?.result ?? null, dkim: dkimWord(auth.dkim), dmarc: auth.dmarc?.result ?? null, arc: auth.arc?.result ?? null };
}
