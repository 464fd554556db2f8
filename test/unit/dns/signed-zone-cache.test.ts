// Zone sets of labs started together share the signings of equal zones; a zone one lab edits is
// signed for it alone, and the other labs keep answering with theirs.
import { describe, expect, it } from 'vitest';
import { generateZoneKeys } from '../../../engine/dns/zone/key-store.ts';
import { labZones } from '../../../engine/dns/zone/lab-zones.ts';
import { SIGNED_ZONE_REUSE_SECONDS, SignedZoneCache } from '../../../engine/dns/zone/signed-zone-cache.ts';
import type { ZoneKeys } from '../../../engine/dns/zone/zone-data.ts';
import { ZoneSet } from '../../../engine/dns/zone/zone-set.ts';
import { TLSA } from './lab-zones.ts';

const keys = new Map<string, ZoneKeys>();
const keysFor = (origin: string) => {
  if (!keys.has(origin)) keys.set(origin, generateZoneKeys());
  return keys.get(origin)!;
};
const exampleJp = (zones: ZoneSet) => zones.published().find((z) => z.origin === 'example.jp')!;

describe('signed zone cache', () => {
  it('shares equal zones, signs an edited one for its lab alone', () => {
    let now = 1_800_000_000;
    const signed = new SignedZoneCache();
    const a = new ZoneSet({ zones: labZones({ tlsa: TLSA }), keysFor, signed, now: () => now });
    const b = new ZoneSet({ zones: labZones({ tlsa: TLSA }), keysFor, signed, now: () => now });
    expect(signed.size).toBe(5);
    expect(exampleJp(b)).toBe(exampleJp(a));
    const before = exampleJp(a);
    const zone = b.zone('example.jp')!;
    b.setRecords('example.jp', zone.records.filter((rr) => rr.type !== 'TLSA'));
    expect(exampleJp(b).rrsets.get('_25._tcp.mx.example.jp')?.get('TLSA')).toBeUndefined();
    expect(exampleJp(a)).toBe(before);
    expect(exampleJp(a).rrsets.get('_25._tcp.mx.example.jp')?.get('TLSA')).toHaveLength(1);
    b.setMode('example.jp', 'bad-signature');
    expect(exampleJp(b).mode).toBe('bad-signature');
    expect(exampleJp(a).mode).toBe('signed');
    // An hour on, equal zones are signed afresh: signatures stay as recent as a fresh lab's.
    now += SIGNED_ZONE_REUSE_SECONDS;
    const c = new ZoneSet({ zones: labZones({ tlsa: TLSA }), keysFor, signed, now: () => now });
    expect(exampleJp(c)).not.toBe(before);
  });

  it('signs the same records as a zone set without the cache', () => {
    const now = () => 1_800_000_000;
    const cached = new ZoneSet({ zones: labZones({ tlsa: TLSA }), keysFor, signed: new SignedZoneCache(), now });
    const plain = new ZoneSet({ zones: labZones({ tlsa: TLSA }), keysFor, now });
    const shape = (zones: ZoneSet) => zones.published().map((z) => z.records.filter((rr) => rr.type !== 'RRSIG'));
    expect(shape(cached)).toEqual(shape(plain));
    const sigs = (zones: ZoneSet) => zones.published().flatMap((z) => z.records.filter((rr) => rr.type === 'RRSIG').map((rr) => rr.type === 'RRSIG' && [rr.name, rr.data.typeCovered, rr.data.inception, rr.data.expiration].join(' ')));
    expect(sigs(cached)).toEqual(sigs(plain));
  });
});
