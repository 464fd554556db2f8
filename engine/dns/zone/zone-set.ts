// The lab's zones, their keys, and their published (signed) form. Any change re-signs at once;
// parents are re-signed too, since a child's mode decides the parent's DS (RFC 4035 §2.4).
import type { DsData } from 'dns-packet';
import { DIGEST_SHA256, dsFor } from '../dnssec/keys-crypto.ts';
import { isSubdomain, labelsOf, normalizeName } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';
import { publishZone, type PublishedZone } from './published-zone.ts';
import type { SignedZoneCache } from './signed-zone-cache.ts';
import { childDsRecords, signZone } from './signer.ts';
import type { ZoneData, ZoneKeys, ZoneMode } from './zone-data.ts';

export interface ZoneSetOptions {
  zones: ZoneData[];
  keysFor(origin: string): ZoneKeys;
  /** Seconds since the epoch; signatures are made relative to it. */
  now?(): number;
  /** Signings shared with other zone sets of the same keys (labs started together). */
  signed?: SignedZoneCache;
}

export class ZoneSet {
  private readonly data = new Map<string, ZoneData>();
  private readonly keys = new Map<string, ZoneKeys>();
  private publishedZones: PublishedZone[] = [];
  private readonly now: () => number;
  private readonly signed: SignedZoneCache | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(options: ZoneSetOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.signed = options.signed;
    for (const zone of options.zones) {
      const origin = normalizeName(zone.origin);
      this.data.set(origin, { ...zone, origin, records: zone.records.map((rr) => ({ ...rr, name: normalizeName(rr.name) })) });
      this.keys.set(origin, options.keysFor(origin));
    }
    this.resign();
  }

  origins(): string[] {
    return [...this.data.keys()];
  }

  zone(origin: string): ZoneData | undefined {
    return this.data.get(normalizeName(origin));
  }

  zoneKeys(origin: string): ZoneKeys | undefined {
    return this.keys.get(normalizeName(origin));
  }

  published(): PublishedZone[] {
    return this.publishedZones;
  }

  /** The served zone that holds `name` (the deepest one). */
  zoneFor(name: string): ZoneData | undefined {
    const candidates = [...this.data.values()].filter((z) => isSubdomain(normalizeName(name), z.origin));
    return candidates.sort((x, y) => labelsOf(y.origin).length - labelsOf(x.origin).length)[0];
  }

  /** The lab root's KSK as a DS (the trust anchor as a digest). */
  rootDs(): DsData {
    return dsFor('.', this.keys.get('.')!.ksk.dnskey, DIGEST_SHA256);
  }

  setMode(origin: string, mode: ZoneMode): void {
    const zone = this.data.get(normalizeName(origin));
    if (!zone) throw new Error(`no lab zone "${origin}"`);
    zone.mode = mode;
    this.resign();
  }

  /** Replaces the records of a zone (the editor validates them first) and re-signs. */
  setRecords(origin: string, records: Rr[]): void {
    const zone = this.data.get(normalizeName(origin));
    if (!zone) throw new Error(`no lab zone "${origin}"`);
    zone.records = records;
    this.resign();
  }

  /** Puts every zone back to the given records and modes (a lab reset), re-signed once. */
  restore(zones: ZoneData[]): void {
    for (const zone of zones) {
      const current = this.data.get(normalizeName(zone.origin));
      if (!current) continue;
      current.records = [...zone.records];
      current.mode = zone.mode;
    }
    this.resign();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  resign(): void {
    const now = this.now();
    const childDs = new Map<string, Rr[]>();
    for (const zone of this.data.values()) {
      if (zone.origin !== '.') childDs.set(zone.origin, childDsRecords(zone.origin, zone.mode, this.keys.get(zone.origin)!));
    }
    this.publishedZones = [...this.data.values()].map((zone) => {
      const cuts = zone.records.filter((rr) => rr.type === 'NS' && rr.name !== zone.origin).map((rr) => rr.name);
      const ds = [...new Set(cuts)].flatMap((cut) => childDs.get(cut) ?? []);
      const keys = this.keys.get(zone.origin)!;
      const sign = () => publishZone(zone.origin, zone.mode, signZone(zone, keys, ds, { time: { now }, mode: zone.mode }));
      return this.signed ? this.signed.publish(zone, keys, ds, now, sign) : sign();
    });
    for (const listener of this.listeners) listener();
  }
}
