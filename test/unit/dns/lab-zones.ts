// Test helpers: the lab zones signed with fresh keys, and a resolver wired to them without sockets.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labAnchor } from '../../../engine/dns/lab/anchor.ts';
import { forgedExchange, type DnsForger } from '../../../engine/dns/resolver/forger.ts';
import { StubResolver } from '../../../engine/dns/resolver/stub-resolver.ts';
import type { DnsTraceInput } from '../../../engine/dns/resolver/dns-trace.ts';
import { respond } from '../../../engine/dns/server/respond.ts';
import { generateZoneKeys } from '../../../engine/dns/zone/key-store.ts';
import { labZones } from '../../../engine/dns/zone/lab-zones.ts';
import type { ZoneKeys, ZoneMode } from '../../../engine/dns/zone/zone-data.ts';
import { ZoneSet } from '../../../engine/dns/zone/zone-set.ts';

export const TLSA = { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 0xab) };

const keyCache = new Map<string, ZoneKeys>();

export function testZones(modes: Partial<Record<string, ZoneMode>> = {}, now?: () => number): ZoneSet {
  return new ZoneSet({
    zones: labZones({ tlsa: TLSA, modes }),
    keysFor: (origin) => {
      if (!keyCache.has(origin)) keyCache.set(origin, generateZoneKeys());
      return keyCache.get(origin)!;
    },
    now,
  });
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'smtp-lab-dns-'));
}

export interface Harness {
  zones: ZoneSet;
  resolver: StubResolver;
  events: DnsTraceInput[];
  queries: () => number;
  forgers: DnsForger[];
  clock: { ms: number };
}

export function harness(options: { modes?: Partial<Record<string, ZoneMode>>; validate?: boolean } = {}): Harness {
  const clock = { ms: Date.now() };
  const zones = testZones(options.modes, () => Math.floor(clock.ms / 1000));
  const events: DnsTraceInput[] = [];
  const forgers: DnsForger[] = [];
  let count = 0;
  const direct = async (query: Buffer) => {
    count++;
    const reply = respond(zones.published(), query, 'udp');
    if (!reply.bytes) throw new Error(`dropped: ${reply.reason}`);
    return reply.bytes;
  };
  const resolver = new StubResolver({
    exchange: forgedExchange(direct, () => forgers),
    anchor: labAnchor(zones.zoneKeys('.')!.ksk.dnskey),
    validate: options.validate ?? true,
    clientNodeId: 'mail.sender.example',
    emit: (e) => events.push(e),
    now: () => clock.ms,
  });
  return { zones, resolver, events, queries: () => count, forgers, clock };
}
