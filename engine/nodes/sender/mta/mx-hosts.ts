// Which hosts to try for a domain, from the MX lookup as the sender's resolver saw it
// (RFC 5321 §5.1): preference order with ties in random order, the implicit MX when there is
// no MX RRset, and the null MX of RFC 7505 as a permanent refusal.
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';

export interface MxCandidate {
  host: string;
  preference: number;
}

export type MxPlan =
  | { ok: true; hosts: MxCandidate[]; implicit: boolean; rule: string; reason: string }
  | { ok: false; outcome: 'deferred' | 'bounced'; status: string; rule: string; reason: string };

export function planMxHosts(domain: string, lookup: LookupResult, random: () => number = Math.random): MxPlan {
  if (lookup.status === 'bogus') {
    return { ok: false, outcome: 'deferred', status: '4.4.3', rule: 'RFC 4035 §5.5', reason: `the MX lookup for ${domain} failed DNSSEC validation (${lookup.reason}): a bogus answer is a lookup failure; keep the message queued` };
  }
  if (lookup.rcode === 'NXDOMAIN') {
    return { ok: false, outcome: 'bounced', status: '5.1.2', rule: 'RFC 5321 §5.1', reason: `${domain} does not exist (NXDOMAIN): the address cannot be delivered` };
  }
  if (lookup.rcode !== 'NOERROR') {
    return { ok: false, outcome: 'deferred', status: '4.4.3', rule: 'RFC 5321 §5.1', reason: `the MX lookup for ${domain} failed with ${lookup.rcode}; retry later` };
  }
  const mx = lookup.answers.filter((rr) => rr.type === 'MX').map((rr) => rr.data as { preference: number; exchange: string });
  if (mx.length === 0) {
    return { ok: true, hosts: [{ host: domain, preference: 0 }], implicit: true, rule: 'RFC 5321 §5.1', reason: `${domain} has no MX records: the domain itself is the implicit MX` };
  }
  if (mx.length === 1 && (mx[0].exchange === '' || mx[0].exchange === '.')) {
    return { ok: false, outcome: 'bounced', status: '5.1.10', rule: 'RFC 7505 §3', reason: `${domain} publishes a null MX: it accepts no mail` };
  }
  const shuffled = mx.map((m) => ({ host: m.exchange.replace(/\.$/, '').toLowerCase(), preference: m.preference, key: random() }));
  shuffled.sort((a, b) => a.preference - b.preference || a.key - b.key);
  const hosts = shuffled.map(({ host, preference }) => ({ host, preference }));
  const list = hosts.map((h) => `${h.host} (${h.preference})`).join(', ');
  return { ok: true, hosts, implicit: false, rule: 'RFC 5321 §5.1', reason: `MX for ${domain}: ${list}; try them in preference order, equal preferences in random order` };
}
