// Authenticated denial with NSEC, sans-IO: NXDOMAIN, NODATA, empty non-terminals and
// "no DS here" (RFC 4035 §5.4, RFC 4034 §4.1, RFC 6840 §4.1, §4.3, §4.4). NSECs must be validated first.
import { reasonPart, said, text, type Text } from '../../../common/i18n/text.ts';
import type { NsecData } from 'dns-packet';
import { compareNames, isSubdomain, labelsOf, nameOfLabels, normalizeName } from '../wire/names.ts';

export interface Nsec {
  owner: string;
  next: string;
  types: Set<string>;
}

export type Proof = { ok: true; rule: string; reason: string; reasonText?: Text; nsec: string } | { ok: false; rule: string; reason: string; reasonText?: Text };

export function toNsec(owner: string, data: NsecData): Nsec {
  return { owner: normalizeName(owner), next: normalizeName(data.nextDomain), types: new Set(data.rrtypes) };
}

/** owner < name < next in canonical order; the last NSEC of a zone wraps to the apex (RFC 4034 §4.1.1). */
export function nsecCovers(nsec: Nsec, name: string): boolean {
  const afterOwner = compareNames(nsec.owner, name) < 0;
  const wraps = compareNames(nsec.next, nsec.owner) <= 0;
  return afterOwner && (wraps || compareNames(name, nsec.next) < 0);
}

/** An NSEC at a zone cut (NS without SOA) speaks for the parent only (RFC 6840 §4.1). */
function isDelegationNsec(nsec: Nsec): boolean {
  return (nsec.types.has('NS') && !nsec.types.has('SOA')) || nsec.types.has('DNAME');
}

function commonAncestor(a: string, b: string): string {
  const la = labelsOf(a);
  const lb = labelsOf(b);
  const out: string[] = [];
  for (let i = 1; i <= Math.min(la.length, lb.length) && la[la.length - i] === lb[lb.length - i]; i++) out.unshift(la[la.length - i]);
  return nameOfLabels(out);
}

function coveringUsable(nsecs: Nsec[], name: string): Nsec | undefined {
  return nsecs.find((n) => nsecCovers(n, name) && !(isDelegationNsec(n) && n.owner !== name && isSubdomain(name, n.owner)));
}

export function proveNxdomain(qname: string, nsecs: Nsec[], zone: string): Proof {
  const cover = coveringUsable(nsecs, qname);
  if (!cover) return { ok: false, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.noCover', { name: qname })) };
  const ce = [commonAncestor(qname, cover.owner), commonAncestor(qname, cover.next)].sort((a, b) => labelsOf(b).length - labelsOf(a).length)[0];
  const encloser = isSubdomain(ce, zone) ? ce : zone;
  const wildcard = nameOfLabels(['*', ...labelsOf(encloser)]);
  if (nsecs.some((n) => n.owner === wildcard)) return { ok: false, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.wildcardExists', { wildcard })) };
  if (!nsecs.some((n) => nsecCovers(n, wildcard))) return { ok: false, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.wildcardNotRuledOut', { wildcard })) };
  return { ok: true, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.nxdomainProven', { owner: cover.owner, next: cover.next, name: qname, encloser })), nsec: cover.owner };
}

export function proveNodata(qname: string, qtype: string, nsecs: Nsec[]): Proof {
  const match = nsecs.find((n) => n.owner === qname);
  if (match) {
    if (match.types.has(qtype)) return { ok: false, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.typeExists', { name: qname, type: qtype })) };
    if (match.types.has('CNAME')) return { ok: false, rule: 'RFC 6840 §4.3', ...said(text('dnsNsec.cname', { name: qname })) };
    if (qtype !== 'DS' && isDelegationNsec(match)) return { ok: false, rule: 'RFC 6840 §4.4', ...said(text('dnsNsec.parentSide', { name: qname, type: qtype })) };
    return { ok: true, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.nodataProven', { name: qname, types: [...match.types].join(' '), type: qtype })), nsec: match.owner };
  }
  const ent = nsecs.find((n) => nsecCovers(n, qname) && isSubdomain(n.next, qname) && n.next !== qname);
  if (ent) return { ok: true, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.emptyNonTerminal', { owner: ent.owner, next: ent.next, name: qname })), nsec: ent.owner };
  return { ok: false, rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.nodataUnproven', { name: qname })) };
}

export type CutProof =
  | { kind: 'insecure-delegation'; rule: string; reason: string; reasonText?: Text }
  | { kind: 'not-a-cut'; rule: string; reason: string; reasonText?: Text }
  | { kind: 'unproven'; rule: string; reason: string; reasonText?: Text };

/** From a validated NSEC answer to "DS name?": an insecure delegation, or no zone cut at all. */
export function proveNoDs(name: string, nsecs: Nsec[]): CutProof {
  const match = nsecs.find((n) => n.owner === name);
  if (match) {
    if (match.types.has('DS')) return { kind: 'unproven', rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.dsListed', { name })) };
    if (match.types.has('NS') && !match.types.has('SOA')) {
      return { kind: 'insecure-delegation', rule: 'RFC 4035 §5.2', ...said(text('dnsNsec.insecureDelegation', { name })) };
    }
    return { kind: 'not-a-cut', rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.notACut', { name })) };
  }
  const nodata = proveNodata(name, 'DS', nsecs);
  if (nodata.ok) return { kind: 'not-a-cut', rule: nodata.rule, ...reasonPart(nodata) };
  return { kind: 'unproven', rule: 'RFC 4035 §5.4', ...said(text('dnsNsec.noDsUnproven', { name })) };
}
