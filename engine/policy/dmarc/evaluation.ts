// One message as a DMARC aggregate report counts it (RFC 7489 §7.2, Appendix C): the policy as
// published, the disposition applied, the DMARC-aligned results, and the raw SPF and DKIM results.
import type { DmarcCheck, MessageAuth } from '../../../common/auth.ts';
import type { DmarcPolicyPublished, DmarcReportRow } from '../../../common/dmarc.ts';
import { canonicalName } from '../dns-name.ts';

export interface DmarcEvaluation {
  /** Milliseconds since the epoch. */
  at: number;
  policy: DmarcPolicyPublished;
  rua: string[];
  row: Omit<DmarcReportRow, 'count'>;
}

export interface ReceivedMessage {
  auth: MessageAuth;
  /** The connecting client's (lab) address. */
  clientIp: string;
  /** MAIL FROM; empty for the null sender. */
  mailFrom: string;
  helo: string;
  at: number;
}

type Disposition = DmarcPolicyPublished['p'];
const DISPOSITIONS: readonly Disposition[] = ['none', 'quarantine', 'reject'];
const disposition = (value: string | undefined): Disposition | undefined => DISPOSITIONS.find((d) => d === value?.toLowerCase());

/** The tags of a DMARC record (RFC 7489 §6.3), names in lower case. */
function tagsOf(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const name = part.slice(0, eq).trim().toLowerCase();
      if (!tags.has(name)) tags.set(name, part.slice(eq + 1).trim());
    }
  }
  return tags;
}

/** policy_published from the record text, with the defaults of RFC 7489 §6.3 for absent tags. */
export function policyPublished(domain: string, record: string): DmarcPolicyPublished {
  const tags = tagsOf(record);
  const alignment = (value: string | undefined): 'r' | 's' => (value?.toLowerCase() === 's' ? 's' : 'r');
  // An unknown p= with a valid rua= is treated as p=none (RFC 7489 §6.6.3 step 6).
  const p = disposition(tags.get('p')) ?? 'none';
  const pct = Number.parseInt(tags.get('pct') ?? '100', 10);
  return {
    domain: canonicalName(domain),
    adkim: alignment(tags.get('adkim')),
    aspf: alignment(tags.get('aspf')),
    p,
    sp: disposition(tags.get('sp')) ?? p,
    pct: Number.isInteger(pct) && pct >= 0 && pct <= 100 ? pct : 100,
    fo: tags.get('fo') ?? '0',
  };
}

const domainOf = (address: string): string => canonicalName(address.slice(address.lastIndexOf('@') + 1));

/** What a report counts for a message whose DMARC was evaluated against a record; null otherwise. */
export function evaluationOf(message: ReceivedMessage): DmarcEvaluation | null {
  const { auth } = message;
  const dmarc: DmarcCheck | null = auth.dmarc;
  // Without a record there is no policy to report on; a DNS or syntax error produced no evaluation.
  if (!dmarc || !dmarc.record || (dmarc.result !== 'pass' && dmarc.result !== 'fail')) return null;
  const policy = policyPublished(dmarc.policyDomain ?? dmarc.fromDomain, dmarc.record);
  const action = auth.disposition.action;
  const spf = auth.spf;
  // RFC 7208 §2.4: with a null sender SPF checks the HELO identity.
  const envelopeFrom = message.mailFrom ? domainOf(message.mailFrom) : canonicalName(message.helo || spf?.domain || '');
  return {
    at: message.at,
    policy,
    rua: dmarc.rua,
    row: {
      sourceIp: message.clientIp,
      disposition: action === 'accept' ? 'none' : action,
      dkim: dmarc.alignedDkim ? 'pass' : 'fail',
      spf: dmarc.alignedSpf ? 'pass' : 'fail',
      reasons: auth.disposition.override ? [{ type: auth.disposition.override }] : [],
      headerFrom: canonicalName(dmarc.fromDomain),
      envelopeFrom,
      dkimResults: (auth.dkim ?? []).map((d) => ({ domain: canonicalName(d.domain), selector: d.selector, result: d.result })),
      // The schema wants at least one SPF result; a check that did not run is "none".
      spfResults: [{ domain: canonicalName(spf?.domain || envelopeFrom), scope: message.mailFrom ? 'mfrom' : 'helo', result: spf?.result ?? 'none' }],
    },
  };
}
