// DNS lookups as the DNS pane shows them: from the resolver's verdict events in the trace
// (layer dns, dir none) or from an answer to the pane's own query.
import type { Text } from '../../../common/i18n/text.ts';
import type { DnsAnswer, DnsChainLink, DnsStatus } from '../../../common/dns.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { dnsDetail } from '../../../common/trace-details.ts';

export interface DnsLookup {
  /** Trace seq, or 0 for the pane's own query before its trace event arrives. */
  seq: number;
  client: string;
  name: string;
  type: string;
  status: DnsStatus;
  rcode: string;
  answers: string[];
  reason: string;
  /** The reason as a catalogue Text, shown in the UI's language. */
  reasonText?: Text;
  rule: string;
  /** The zone and key that decided. */
  zone: string | null;
  keyTag: number | null;
  chain: DnsChainLink[];
  validating: boolean;
  cached: boolean;
}

export function lookupOfEvent(event: TraceEvent): DnsLookup | null {
  const d = dnsDetail(event);
  if (event.dir !== 'none' || d?.kind !== 'verdict') return null;
  return {
    seq: event.seq,
    client: event.link.from,
    name: d.name,
    type: d.type,
    status: d.status,
    rcode: d.rcode,
    answers: d.answers,
    reason: d.reason,
    ...(d.reasonText ? { reasonText: d.reasonText } : {}),
    rule: event.rule ?? '',
    zone: d.key?.zone ?? null,
    keyTag: d.key?.keyTag ?? null,
    chain: d.chain as DnsChainLink[],
    validating: d.validating === true,
    cached: d.cached === true,
  };
}

export function lookupOfAnswer(answer: DnsAnswer, client = 'terminal'): DnsLookup {
  const { name, type, status, rcode, reason, reasonText, rule, zone, keyTag, chain, validating, cached } = answer;
  return { seq: 0, client, name, type, status, rcode, answers: answer.records.map((r) => r.split('\t').slice(3).join(' ')), reason, ...(reasonText ? { reasonText } : {}), rule, zone, keyTag, chain, validating, cached };
}

/** The newest `limit` lookups of the trace, newest first. */
export function recentLookups(events: readonly TraceEvent[], limit = 200): DnsLookup[] {
  const out: DnsLookup[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const lookup = lookupOfEvent(events[i]);
    if (lookup) out.push(lookup);
  }
  return out;
}
