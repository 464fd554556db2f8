// Signs a zone, sans-IO: DNSKEY RRset by the KSK, every other authoritative RRset by the ZSK,
// an NSEC chain over the authoritative names (RFC 4034 §3, §4; RFC 4035 §2).
import type { DsData, RrsigData } from 'dns-packet';
import { signedData } from '../dnssec/signed-data.ts';
import { ALG_ECDSAP256SHA256, DIGEST_SHA256, dsFor, signP256 } from '../dnssec/keys-crypto.ts';
import { compareNames, isSubdomain, rrsigLabelCount } from '../wire/names.ts';
import { groupRrsets, type Rr } from '../wire/records.ts';
import { isSignedMode, parentHasDs, type SigningKey, type ZoneData, type ZoneKeys, type ZoneMode } from './zone-data.ts';

export const DNSKEY_TTL = 3600;
export const DS_TTL = 3600;
/** Signatures start an hour back (clock skew) and last 30 days. */
export const INCEPTION_SKEW = 3600;
export const SIGNATURE_LIFETIME = 30 * 86400;

export interface SigningTime {
  /** Seconds since the epoch. */
  now: number;
}

/** The DS records the parent publishes for a child zone, as its mode says. */
export function childDsRecords(origin: string, mode: ZoneMode, keys: ZoneKeys): Rr[] {
  if (!parentHasDs(mode)) return [];
  const ds: DsData = dsFor(origin, keys.ksk.dnskey, DIGEST_SHA256);
  if (mode === 'wrong-ds') ds.digest = Buffer.from(ds.digest.map((b, i) => (i === 0 ? b ^ 0xff : b)));
  return [{ name: origin, type: 'DS', ttl: DS_TTL, class: 'IN', data: ds }];
}

export function delegationPoints(zone: ZoneData): Set<string> {
  return new Set(zone.records.filter((rr) => rr.type === 'NS' && rr.name !== zone.origin).map((rr) => rr.name));
}

/** Below a zone cut only glue lives: not authoritative, not signed, not in the NSEC chain (RFC 4035 §2.2, §2.3). */
export function isGlue(name: string, cuts: Set<string>): boolean {
  for (const cut of cuts) if (name !== cut && isSubdomain(name, cut)) return true;
  return false;
}

function soaMinimum(records: Rr[]): number {
  const soa = records.find((rr) => rr.type === 'SOA');
  return soa && soa.type === 'SOA' ? Math.min(soa.ttl, soa.data.minimum ?? soa.ttl) : 300;
}

export function nsecChain(origin: string, records: Rr[], cuts: Set<string>): Rr[] {
  const typesByName = new Map<string, Set<string>>();
  for (const rr of records) {
    if (isGlue(rr.name, cuts)) continue;
    if (!typesByName.has(rr.name)) typesByName.set(rr.name, new Set());
    const atCut = cuts.has(rr.name);
    // At a delegation point the parent is authoritative only for NS, DS and its own NSEC (RFC 4035 §2.3).
    if (atCut && rr.type !== 'NS' && rr.type !== 'DS') continue;
    typesByName.get(rr.name)!.add(rr.type);
  }
  const names = [...typesByName.keys()].sort(compareNames);
  const ttl = soaMinimum(records);
  return names.map((name, i) => ({
    name,
    type: 'NSEC',
    ttl,
    class: 'IN',
    data: { nextDomain: names[(i + 1) % names.length] ?? origin, rrtypes: [...typesByName.get(name)!, 'RRSIG', 'NSEC'] },
  }));
}

export interface SignOptions {
  time: SigningTime;
  mode: ZoneMode;
}

export function signRrset(rrset: Rr[], origin: string, key: SigningKey, inception: number, expiration: number, corrupt = false): Rr {
  const ttl = rrset[0].ttl;
  const sig: RrsigData = {
    typeCovered: rrset[0].type,
    algorithm: ALG_ECDSAP256SHA256,
    labels: rrsigLabelCount(rrset[0].name),
    originalTTL: ttl,
    expiration: expiration >>> 0,
    inception: inception >>> 0,
    keyTag: key.tag,
    signersName: origin,
    signature: Buffer.alloc(0),
  };
  const signature = signP256(key.privateKey, signedData(sig, rrset));
  if (corrupt) signature[10] ^= 0x5a;
  return { name: rrset[0].name, type: 'RRSIG', ttl, class: 'IN', data: { ...sig, signature } };
}

/**
 * The published records of a zone: its data, the DS of signed children, and for signed modes
 * DNSKEY, NSEC and RRSIG records. `childDs` are DS records to publish at delegation points.
 */
export function signZone(zone: ZoneData, keys: ZoneKeys, childDs: Rr[], options: SignOptions): Rr[] {
  const records: Rr[] = [...zone.records.map((rr) => ({ ...rr, class: 'IN' as const })), ...childDs];
  if (!isSignedMode(options.mode)) return records;
  records.push(
    { name: zone.origin, type: 'DNSKEY', ttl: DNSKEY_TTL, class: 'IN', data: keys.ksk.dnskey },
    { name: zone.origin, type: 'DNSKEY', ttl: DNSKEY_TTL, class: 'IN', data: keys.zsk.dnskey },
  );
  const cuts = delegationPoints(zone);
  records.push(...nsecChain(zone.origin, records, cuts));
  const now = options.time.now;
  const sigs: Rr[] = [];
  for (const rrset of groupRrsets(records)) {
    const { name, type } = rrset[0];
    if (isGlue(name, cuts) || (cuts.has(name) && type === 'NS')) continue;
    const sameTtl = rrset.map((rr) => ({ ...rr, ttl: rrset[0].ttl }));
    if (type === 'DNSKEY') {
      sigs.push(signRrset(sameTtl, zone.origin, keys.ksk, now - INCEPTION_SKEW, now + SIGNATURE_LIFETIME));
      continue;
    }
    const expired = options.mode === 'expired-rrsig';
    const inception = expired ? now - 31 * 86400 : now - INCEPTION_SKEW;
    const expiration = expired ? now - 86400 : now + SIGNATURE_LIFETIME;
    sigs.push(signRrset(sameTtl, zone.origin, keys.zsk, inception, expiration, options.mode === 'bad-signature'));
  }
  return [...records, ...sigs];
}
