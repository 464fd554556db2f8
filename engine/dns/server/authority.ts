// What an authoritative server answers, sans-IO: zone selection, referrals, positive answers,
// NXDOMAIN and NODATA with NSEC proofs (RFC 1034 §4.3.2, RFC 4035 §3.1).
import { text, type Text } from '../../../common/i18n/text.ts';
import { isSubdomain, labelsOf, namesBelow, nameOfLabels } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';
import { closestEncloser, nsecCovering, rrsetAt, rrsigsFor, type PublishedZone } from '../zone/published-zone.ts';

export type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

export interface AuthorityQuestion {
  name: string;
  type: string;
  /** The DO bit of the query's OPT record (RFC 3225). */
  dnssecOk: boolean;
}

export interface AuthorityAnswer {
  rcode: Rcode;
  authoritative: boolean;
  answers: Rr[];
  authorities: Rr[];
  additionals: Rr[];
  /** What kind of answer this is, the rule it follows (a citation) and why, in the reader's language. */
  kind: 'answer' | 'cname' | 'referral' | 'nodata' | 'nxdomain' | 'refused';
  rule: string;
  reasonText: Text;
}

const MAX_CNAME_CHASE = 8;

/** The deepest served zone holding `name`; DS is answered from the parent side of a cut (RFC 4035 §3.1.4.1). */
export function selectZone(zones: PublishedZone[], name: string, type: string): PublishedZone | null {
  const enclosing = zones.filter((z) => isSubdomain(name, z.origin)).sort((a, b) => labelsOf(b.origin).length - labelsOf(a.origin).length);
  const [deepest, parent] = enclosing;
  if (deepest && type === 'DS' && deepest.origin === name && parent) return parent;
  return deepest ?? null;
}

function withSigs(zone: PublishedZone, rrset: Rr[], dnssecOk: boolean): Rr[] {
  if (!dnssecOk || rrset.length === 0) return rrset;
  return [...rrset, ...rrsigsFor(zone, rrset[0].name, rrset[0].type)];
}

function negativeSoa(zone: PublishedZone, dnssecOk: boolean): Rr[] {
  // RFC 2308 §3: the SOA of a negative answer carries min(SOA TTL, SOA MINIMUM).
  return withSigs(zone, rrsetAt(zone, zone.origin, 'SOA'), dnssecOk).map((rr) =>
    rr.type === 'SOA' ? { ...rr, ttl: Math.min(rr.ttl, rr.data.minimum ?? rr.ttl) } : rr,
  );
}

function nsecProof(zone: PublishedZone, names: string[], dnssecOk: boolean): Rr[] {
  if (!dnssecOk) return [];
  const seen = new Set<string>();
  const out: Rr[] = [];
  for (const name of names) {
    const nsec = nsecCovering(zone, name);
    if (!nsec || seen.has(nsec.name)) continue;
    seen.add(nsec.name);
    out.push(...withSigs(zone, [nsec], true));
  }
  return out;
}

function glueFor(zone: PublishedZone, ns: Rr[]): Rr[] {
  return ns.flatMap((rr) => (rr.type === 'NS' ? [...rrsetAt(zone, rr.data, 'A'), ...rrsetAt(zone, rr.data, 'AAAA')] : []));
}

function referral(zone: PublishedZone, cut: string, dnssecOk: boolean): AuthorityAnswer {
  const ns = rrsetAt(zone, cut, 'NS');
  const ds = rrsetAt(zone, cut, 'DS');
  const proof = ds.length > 0 ? withSigs(zone, ds, dnssecOk) : nsecProof(zone, [cut], dnssecOk);
  return {
    rcode: 'NOERROR',
    authoritative: false,
    answers: [],
    authorities: [...ns, ...(dnssecOk ? proof : [])],
    additionals: glueFor(zone, ns),
    kind: 'referral',
    rule: 'RFC 4035 §3.1.4',
    reasonText: text(ds.length > 0 ? 'dnsAuthority.referralSigned' : 'dnsAuthority.referralInsecure', { zone: cut }),
  };
}

export function answerQuestion(zones: PublishedZone[], question: AuthorityQuestion): AuthorityAnswer {
  const { name, type, dnssecOk } = question;
  const zone = selectZone(zones, name, type);
  if (!zone) {
    return { rcode: 'REFUSED', authoritative: false, answers: [], authorities: [], additionals: [], kind: 'refused', rule: 'RFC 1035 §4.1.1', reasonText: text('dnsAuthority.notAuthoritative', { name }) };
  }
  for (const below of namesBelow(name, zone.origin)) {
    if (!zone.cuts.has(below)) continue;
    if (below === name && type === 'DS') break;
    return referral(zone, below, dnssecOk);
  }
  const answers: Rr[] = [];
  let current = name;
  for (let hop = 0; hop <= MAX_CNAME_CHASE; hop++) {
    const byType = zone.rrsets.get(current);
    const wanted = type === 'ANY' ? [...(byType?.values() ?? [])].flat().filter((rr) => rr.type !== 'NSEC' || dnssecOk) : rrsetAt(zone, current, type);
    if (wanted.length > 0) {
      const sets = type === 'ANY' ? [...new Set(wanted.map((rr) => rr.type))].map((t) => rrsetAt(zone, current, t)) : [wanted];
      for (const set of sets) answers.push(...withSigs(zone, set, dnssecOk));
      return { rcode: 'NOERROR', authoritative: true, answers, authorities: [], additionals: [], kind: hop === 0 ? 'answer' : 'cname', rule: 'RFC 1034 §4.3.2', reasonText: text('dnsAuthority.answer', { name: current, type }) };
    }
    const cname = rrsetAt(zone, current, 'CNAME');
    if (cname.length > 0 && type !== 'CNAME' && cname[0].type === 'CNAME') {
      answers.push(...withSigs(zone, cname, dnssecOk));
      const target = cname[0].data;
      if (!isSubdomain(target, zone.origin) || hop === MAX_CNAME_CHASE) break;
      current = target;
      continue;
    }
    if (zone.existing.has(current)) {
      return {
        rcode: 'NOERROR',
        authoritative: true,
        answers,
        authorities: [...negativeSoa(zone, dnssecOk), ...nsecProof(zone, [current], dnssecOk)],
        additionals: [],
        kind: 'nodata',
        rule: 'RFC 4035 §3.1.3.1',
        reasonText: text('dnsAuthority.nodata', { name: current, type }),
      };
    }
    const encloser = closestEncloser(zone, current);
    const wildcard = nameOfLabels(['*', ...labelsOf(encloser)]);
    return {
      rcode: 'NXDOMAIN', // RFC 6604 §2.1: the rcode speaks of the last name in a CNAME chain
      authoritative: true,
      answers,
      authorities: [...negativeSoa(zone, dnssecOk), ...nsecProof(zone, [current, wildcard], dnssecOk)],
      additionals: [],
      kind: 'nxdomain',
      rule: 'RFC 4035 §3.1.3.2',
      reasonText: text('dnsAuthority.nxdomain', { name: current, wildcard }),
    };
  }
  return { rcode: 'NOERROR', authoritative: true, answers, authorities: [], additionals: [], kind: 'cname', rule: 'RFC 1034 §4.3.2', reasonText: text('dnsAuthority.cnameOut', { name }) };
}
