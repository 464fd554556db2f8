// DNS lookups as the DNS pane shows them: from the resolver's verdict events in the trace
// (layer dns, dir none) or from an answer to the pane's own query.
import { isText, type Text } from '../../../common/i18n/text.ts';
import type { DnsAnswer, DnsChainLink, DnsStatus } from '../../../common/dns.ts';
import type { TraceEvent } from '../../../common/trace.ts';

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

const STATUSES: readonly string[] = ['secure', 'insecure', 'bogus', 'unchecked'];

export function lookupOfEvent(event: TraceEvent): DnsLookup | null {
  const d = event.detail as Record<string, unknown> | undefined;
  if (event.layer !== 'dns' || event.dir !== 'none' || !d || typeof d.status !== 'string' || !STATUSES.includes(d.status)) return null;
  const key = (d.key ?? null) as { zone?: string; keyTag?: number | null } | null;
  return {
    seq: event.seq,
    client: event.link.from,
    name: String(d.name ?? ''),
    type: String(d.type ?? ''),
    status: d.status as DnsStatus,
    rcode: String(d.rcode ?? ''),
    answers: Array.isArray(d.answers) ? d.answers.map(String) : [],
    reason: String(d.reason ?? ''),
    ...(isText(d.reasonText) ? { reasonText: d.reasonText } : {}),
    rule: event.rule ?? '',
    zone: key?.zone ?? null,
    keyTag: key?.keyTag ?? null,
    chain: Array.isArray(d.chain) ? (d.chain as DnsChainLink[]) : [],
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
