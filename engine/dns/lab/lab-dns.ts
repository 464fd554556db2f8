// The lab's DNS as one unit: zones signed with the keys kept in <dataDir>/dns/keys, the
// authoritative server on 127.0.0.1, the trust anchor, resolvers per client, the zone editor
// and the seam where a forger sits on the path.
import type { TlsaData } from 'dns-packet';
import { loadZoneKeys } from '../zone/key-store.ts';
import { LAB_NS, labZones } from '../zone/lab-zones.ts';
import type { ZoneMode } from '../zone/zone-data.ts';
import { ZoneEditor } from '../zone/zone-editor.ts';
import { ZoneSet } from '../zone/zone-set.ts';
import type { SignedZoneCache } from '../zone/signed-zone-cache.ts';
import { startDnsServer } from '../server/dns-server.ts';
import { DNS_PORT, forgeryEvent, type DnsEmit } from '../resolver/dns-trace.ts';
import { loopbackExchange } from '../resolver/exchange.ts';
import { forgedExchange, type DnsForger } from '../resolver/forger.ts';
import { StubResolver } from '../resolver/stub-resolver.ts';
import { labAnchor, type LabAnchor } from './anchor.ts';

export interface LabDnsOptions {
  dataDir: string;
  emit?: DnsEmit;
  /** `_25._tcp.mx.example.jp` TLSA from the lab PKI, e.g. 3 1 1 of the mx certificate's SPKI. */
  pkiTlsa?: TlsaData;
  modes?: Partial<Record<string, ZoneMode>>;
  /** 0 or absent: a free port on 127.0.0.1. */
  port?: number;
  /** Trace flow ids, e.g. the lab's FlowIdAllocator. */
  flowId?: () => string;
  /** The sending domain's DKIM key record. */
  dkim?: { name: string; txt: string } | { name: string; txt: string }[];
  /** Signings shared by labs started together (the matrix); each lab's edits still sign its own zones. */
  signedZones?: SignedZoneCache;
}

export interface ResolverConfig {
  /** Whether this client checks DNSSEC (a non-validating sender believes forged answers). */
  validate: boolean;
}

export interface ForgerSeam {
  /** Puts a forger on the path of every resolver (or of `clients` only); returns its removal. */
  add(forger: DnsForger, clients?: string[]): () => void;
  clear(): void;
  list(): { forger: DnsForger; clients?: string[] }[];
  /** The forgers on one client's path now: its resolver's, and its link's to the server (engine/network/dns-link.ts). */
  forClient(clientNodeId: string): DnsForger[];
}

export interface LabDns {
  port: number;
  address: '127.0.0.1';
  /** The server's host name in NS records and the trace. */
  serverName: string;
  anchor: LabAnchor;
  zones: ZoneSet;
  editor: ZoneEditor;
  forgers: ForgerSeam;
  /** A resolver for one client node; resolvers are kept per (client, validate) so their caches persist. */
  resolver(clientNodeId: string, config: ResolverConfig): StubResolver;
  close(): Promise<void>;
}

export async function startLabDns(options: LabDnsOptions): Promise<LabDns> {
  const zones = new ZoneSet({ zones: labZones({ tlsa: options.pkiTlsa, modes: options.modes, ...(options.dkim ? { dkim: options.dkim } : {}) }), keysFor: (origin) => loadZoneKeys(options.dataDir, origin), ...(options.signedZones ? { signed: options.signedZones } : {}) });
  const server = await startDnsServer({ zones: () => zones.published(), port: options.port });
  const anchor = labAnchor(zones.zoneKeys('.')!.ksk.dnskey);
  const entries: { forger: DnsForger; clients?: string[] }[] = [];
  const forgers: ForgerSeam = {
    add(forger, clients) {
      const entry = { forger, clients };
      entries.push(entry);
      return () => {
        const i = entries.indexOf(entry);
        if (i >= 0) entries.splice(i, 1);
      };
    },
    clear: () => void entries.splice(0),
    list: () => [...entries],
    forClient: (clientNodeId) => entries.filter((e) => !e.clients || e.clients.includes(clientNodeId)).map((e) => e.forger),
  };
  const resolvers = new Map<string, StubResolver>();
  // A learner who has just changed a zone expects the next lookup, by any lab node, to see it:
  // every resolver forgets its cache on a change (TTL caching still shows between lookups).
  zones.onChange(() => {
    for (const resolver of resolvers.values()) resolver.flush();
  });
  const direct = loopbackExchange(server.port);
  let flows = 0;
  const flowId = options.flowId ?? (() => `dns${++flows}`);
  const resolver = (clientNodeId: string, config: ResolverConfig): StubResolver => {
    const key = `${clientNodeId}|${config.validate}`;
    const existing = resolvers.get(key);
    if (existing) return existing;
    const exchange = forgedExchange(direct, () => forgers.forClient(clientNodeId), (report) => options.emit?.(forgeryEvent(flowId(), { from: clientNodeId, to: LAB_NS, port: DNS_PORT }, report)));
    const created = new StubResolver({ exchange, anchor, validate: config.validate, clientNodeId, serverNodeId: LAB_NS, emit: options.emit, flowId });
    resolvers.set(key, created);
    return created;
  };
  return {
    port: server.port,
    address: '127.0.0.1',
    serverName: LAB_NS,
    anchor,
    zones,
    editor: new ZoneEditor(zones, options.emit),
    forgers,
    resolver,
    close: () => server.close(),
  };
}
