// Which hosts to try for a domain, from the MX lookup as the sender's resolver saw it
// (RFC 5321 §5.1): preference order with ties in random order, the implicit MX when there is
// no MX RRset, and the null MX of RFC 7505 as a permanent refusal.
import { said, text, type Text } from '../../../../common/i18n/text.ts';
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';

export interface MxCandidate {
  host: string;
  preference: number;
}

export type MxPlan =
  | { ok: true; hosts: MxCandidate[]; implicit: boolean; rule: string; reason: string; reasonText?: Text }
  | { ok: false; outcome: 'deferred' | 'bounced'; status: string; rule: string; reason: string; reasonText?: Text };

export function planMxHosts(domain: string, lookup: LookupResult, random: () => number = Math.random): MxPlan {
  if (lookup.status === 'bogus') {
    return { ok: false, outcome: 'deferred', status: '4.4.3', rule: 'RFC 4035 §5.5', ...said(text('mx.bogus', { domain, why: lookup.reasonText ?? lookup.reason })) };
  }
  if (lookup.rcode === 'NXDOMAIN') {
    return { ok: false, outcome: 'bounced', status: '5.1.2', rule: 'RFC 5321 §5.1', ...said(text('mx.nxdomain', { domain })) };
  }
  if (lookup.rcode !== 'NOERROR') {
    return { ok: false, outcome: 'deferred', status: '4.4.3', rule: 'RFC 5321 §5.1', ...said(text('mx.failed', { domain, rcode: lookup.rcode })) };
  }
  const mx = lookup.answers.filter((rr) => rr.type === 'MX').map((rr) => rr.data as { preference: number; exchange: string });
  if (mx.length === 0) {
    return { ok: true, hosts: [{ host: domain, preference: 0 }], implicit: true, rule: 'RFC 5321 §5.1', ...said(text('mx.implicit', { domain })) };
  }
  if (mx.length === 1 && (mx[0].exchange === '' || mx[0].exchange === '.')) {
    return { ok: false, outcome: 'bounced', status: '5.1.10', rule: 'RFC 7505 §3', ...said(text('mx.null', { domain })) };
  }
  const shuffled = mx.map((m) => ({ host: m.exchange.replace(/\.$/, '').toLowerCase(), preference: m.preference, key: random() }));
  shuffled.sort((a, b) => a.preference - b.preference || a.key - b.key);
  const hosts = shuffled.map(({ host, preference }) => ({ host, preference }));
  const list = hosts.map((h) => text('mx.host', { host: h.host, preference: h.preference }));
  return { ok: true, hosts, implicit: false, rule: 'RFC 5321 §5.1', ...said(text('mx.hosts', { domain, list })) };
}
