// The DNS pane's state: the lab zones, the last answer to the pane's query, the last editor
// outcome, and which lookup the chain-of-trust view shows.
import type { DnsEditOp, DnsEditResult, DnsZoneInfo, DnsZoneMode } from '../../../common/dns.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import { lookupOfAnswer, type DnsLookup } from './dns-lookups.ts';

export type DnsMessage = Extract<ServerMessage, { type: 'dns.zones' | 'dns.result' | 'dns.answer' }>;

export class DnsStore {
  zones = $state.raw<DnsZoneInfo[]>([]);
  selected = $state.raw<DnsLookup | null>(null);
  /** The pane's own query is on its way. */
  querying = $state(false);
  lastResult = $state.raw<DnsEditResult | null>(null);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  receive(message: DnsMessage): void {
    switch (message.type) {
      case 'dns.zones':
        this.zones = message.zones;
        return;
      case 'dns.result':
        this.lastResult = message.result;
        return;
      case 'dns.answer':
        this.querying = false;
        this.selected = lookupOfAnswer(message.answer);
        return;
    }
  }

  loadZones(): void {
    this.send({ type: 'dns.zones' });
  }

  query(name: string, rrtype: string, validate: boolean): void {
    this.querying = true;
    this.send({ type: 'dns.query', name, rrtype, validate });
  }

  edit(op: DnsEditOp, zone: string, name: string, rrtype: string, value: string, ttl?: number): void {
    this.lastResult = null;
    this.send({ type: 'dns.edit', op, zone, name, rrtype, ...(value !== '' ? { value } : {}), ...(ttl !== undefined ? { ttl } : {}) });
  }

  setMode(zone: string, mode: DnsZoneMode): void {
    this.lastResult = null;
    this.send({ type: 'dns.mode', zone, mode });
  }

  select(lookup: DnsLookup | null): void {
    this.selected = lookup;
  }
}
