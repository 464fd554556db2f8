// Signed zones shared by labs started together (the matrix starts dozens with the same zones).
// A zone is signed once per content: origin, mode, records, the DS records it publishes for its
// children and the keys. A lab that edits a zone asks for a different content and gets its own
// signing; what is shared is never changed (PublishedZone is only read by the server).
import type { Rr } from '../wire/records.ts';
import type { PublishedZone } from './published-zone.ts';
import type { ZoneData, ZoneKeys } from './zone-data.ts';

/** A signing is reused for an hour at most: its inception and expiration stay close to a fresh one's. */
export const SIGNED_ZONE_REUSE_SECONDS = 3600;

interface Entry {
  signedAt: number;
  zone: PublishedZone;
}

// As written, not canonical: a name's case, say, shows in the answers and must not come from another lab's zone.
const rrKey = (rr: Rr): string => JSON.stringify(rr);

export class SignedZoneCache {
  private readonly entries = new Map<string, Entry>();

  /** The published form of `zone`, signed by `sign` at `now` unless an equal zone was signed less than an hour before. */
  publish(zone: ZoneData, keys: ZoneKeys, childDs: Rr[], now: number, sign: () => PublishedZone): PublishedZone {
    const key = [zone.origin, zone.mode, keys.ksk.dnskey.key.toString('base64'), keys.zsk.dnskey.key.toString('base64'), ...zone.records.map(rrKey), '|ds', ...childDs.map(rrKey)].join('\n');
    const hit = this.entries.get(key);
    if (hit && now >= hit.signedAt && now - hit.signedAt < SIGNED_ZONE_REUSE_SECONDS) return hit.zone;
    const published = sign();
    this.entries.set(key, { signedAt: now, zone: published });
    return published;
  }

  get size(): number {
    return this.entries.size;
  }
}
