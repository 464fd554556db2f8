// Secure, insecure or bogus: the verdict on one response, given what the chain of trust says
// about the zone it came from (RFC 4033 §5, RFC 4035 §4.3, §5.3, §5.4). Sans-IO.
import { reasonOf, reasonPart, said, text, type Text } from '../../../common/i18n/text.ts';
import type { DnskeyData } from 'dns-packet';
import { isSubdomain, normalizeName } from '../wire/names.ts';
import { groupRrsets, type Rr } from '../wire/records.ts';
import { nsecCovers, proveNodata, proveNxdomain, toNsec, type Nsec } from './nsec-proof.ts';
import { verifyRrset } from './verify-rrset.ts';

export type DnssecStatus = 'secure' | 'insecure' | 'bogus';

export type ZoneTrust =
  | { state: 'secure'; zone: string; keys: DnskeyData[]; keyTag: number; rule: string; reason: string; reasonText?: Text }
  | { state: 'insecure'; zone: string; rule: string; reason: string; reasonText?: Text }
  | { state: 'bogus'; zone: string; rule: string; reason: string; reasonText?: Text };

export interface ResponseSections {
  rcode: string;
  answers: Rr[];
  authorities: Rr[];
}

export interface AnswerVerdict {
  status: DnssecStatus;
  rule: string;
  reason: string;
  reasonText?: Text;
  /** The zone and key tag whose signature decided a secure or bogus verdict. */
  zone: string;
  keyTag?: number;
}

/** The RRSIG signer that speaks for this response: over the answer at qname, else over the denial. */
export function responseSigner(qname: string, response: ResponseSections): string | null {
  const sigs = [...response.answers, ...response.authorities].filter((rr) => rr.type === 'RRSIG');
  const first = sigs.find((rr) => normalizeName(rr.name) === qname) ?? sigs[0];
  if (!first || first.type !== 'RRSIG') return null;
  const signer = normalizeName(first.data.signersName);
  return isSubdomain(qname, signer) ? signer : null;
}

function validatedNsecs(response: ResponseSections, trust: Extract<ZoneTrust, { state: 'secure' }>, now: number): { nsecs: Nsec[] } | { error: AnswerVerdict } {
  const nsecs: Nsec[] = [];
  for (const rrset of groupRrsets(response.authorities.filter((rr) => rr.type === 'NSEC'))) {
    const verdict = verifyRrset(rrset, response.authorities, trust.zone, trust.keys, now);
    if (!verdict.ok) return { error: { status: 'bogus', rule: verdict.rule, ...reasonPart(verdict), zone: trust.zone } };
    for (const rr of rrset) if (rr.type === 'NSEC') nsecs.push(toNsec(rr.name, rr.data));
  }
  return { nsecs };
}

export function classifyAnswer(qname: string, qtype: string, response: ResponseSections, trust: ZoneTrust, now: number): AnswerVerdict {
  if (trust.state === 'insecure') return { status: 'insecure', rule: trust.rule, ...reasonPart(trust), zone: trust.zone };
  if (trust.state === 'bogus') return { status: 'bogus', rule: trust.rule, ...reasonPart(trust), zone: trust.zone };
  const atName = response.answers.filter((rr) => normalizeName(rr.name) === qname && rr.type !== 'RRSIG');
  const wanted = atName.filter((rr) => rr.type === qtype || qtype === 'ANY');
  const cname = atName.filter((rr) => rr.type === 'CNAME');
  const rrset = wanted.length > 0 ? wanted : qtype !== 'CNAME' ? cname : [];
  if (response.rcode === 'NOERROR' && rrset.length > 0) {
    let tag: number | undefined;
    let covered = '';
    for (const set of groupRrsets(rrset)) {
      const verdict = verifyRrset(set, response.answers, trust.zone, trust.keys, now);
      if (!verdict.ok) return { status: 'bogus', rule: verdict.rule, ...reasonPart(verdict), zone: trust.zone };
      tag ??= verdict.keyTag;
      covered ||= set[0].type;
      if (verdict.wildcard) {
        const denial = validatedNsecs(response, trust, now);
        if ('error' in denial) return denial.error;
        if (!denial.nsecs.some((n) => nsecCovers(n, qname))) {
          return { status: 'bogus', rule: 'RFC 4035 §5.3.4', ...said(text('dnsAnswer.wildcardUnproven', { name: qname, wildcard: verdict.wildcard })), zone: trust.zone };
        }
      }
    }
    return { status: 'secure', rule: 'RFC 4035 §5.3', ...said(text('dnsAnswer.secure', { type: covered, zone: trust.zone, tag: tag ?? '', trust: reasonOf(trust) })), zone: trust.zone, keyTag: tag };
  }
  if (response.rcode !== 'NOERROR' && response.rcode !== 'NXDOMAIN') {
    return { status: 'bogus', rule: 'RFC 4035 §5.5', ...said(text('dnsAnswer.rcode', { rcode: response.rcode })), zone: trust.zone };
  }
  const denial = validatedNsecs(response, trust, now);
  if ('error' in denial) return denial.error;
  if (denial.nsecs.length === 0) {
    return { status: 'bogus', rule: 'RFC 4035 §5.4', ...said(text('dnsAnswer.noNsec', { what: response.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : 'NODATA', name: qname, type: qtype, zone: trust.zone })), zone: trust.zone };
  }
  const proof = response.rcode === 'NXDOMAIN' ? proveNxdomain(qname, denial.nsecs, trust.zone) : proveNodata(qname, qtype, denial.nsecs);
  if (!proof.ok) return { status: 'bogus', rule: proof.rule, ...reasonPart(proof), zone: trust.zone };
  return { status: 'secure', rule: proof.rule, ...said(text('dnsAnswer.denialSecure', { proof: reasonOf(proof), zone: trust.zone, tag: trust.keyTag })), zone: trust.zone, keyTag: trust.keyTag };
}

