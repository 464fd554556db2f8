// From a trusted DS RRset (or a trust anchor) to a trusted DNSKEY RRset (RFC 4035 §5.2).
import type { DnskeyData, DsData } from 'dns-packet';
import type { Rr } from '../wire/records.ts';
import { ALG_ECDSAP256SHA256, FLAG_REVOKE, FLAG_ZONE, dsFor, keyTag, supportedDigest } from './keys-crypto.ts';
import { verifyRrset } from './verify-rrset.ts';

export type KeyTrust =
  | { state: 'secure'; keys: DnskeyData[]; keyTag: number; rule: string; reason: string; expiration: number }
  | { state: 'insecure'; rule: string; reason: string }
  | { state: 'bogus'; rule: string; reason: string };

export interface TrustAnchor {
  zone: string;
  ds?: DsData[];
  dnskeys?: DnskeyData[];
}

function sameKey(a: DnskeyData, b: DnskeyData): boolean {
  return a.flags === b.flags && a.algorithm === b.algorithm && a.key.equals(b.key);
}

/**
 * `dnskeyRrset` and `rrsigs` come from the zone's answer to a DNSKEY query; `ds` from its parent
 * (already validated) or from a trust anchor. `now` in seconds since the epoch.
 */
export function trustDnskeys(zone: string, dnskeyRrset: Rr[], rrsigs: Rr[], anchor: { ds?: DsData[]; dnskeys?: DnskeyData[] }, now: number): KeyTrust {
  const keys = dnskeyRrset.flatMap((rr) => (rr.type === 'DNSKEY' ? [rr.data] : []));
  const ds = anchor.ds ?? [];
  const usableDs = ds.filter((d) => d.algorithm === ALG_ECDSAP256SHA256 && supportedDigest(d.digestType));
  if (!anchor.dnskeys && ds.length > 0 && usableDs.length === 0) {
    return { state: 'insecure', rule: 'RFC 4035 §5.2', reason: `no DS for ${zone} uses a supported algorithm and digest: treated as insecure` };
  }
  if (keys.length === 0) return { state: 'bogus', rule: 'RFC 4035 §5.2', reason: `${zone} has a DS in its parent but answered no DNSKEY` };
  const entry: DnskeyData[] = [];
  const problems: string[] = [];
  if (anchor.dnskeys) {
    entry.push(...keys.filter((k) => anchor.dnskeys!.some((a) => sameKey(a, k))));
    if (entry.length === 0) problems.push(`no DNSKEY of ${zone} equals the trust anchor`);
  }
  for (const d of usableDs) {
    const tagged = keys.filter((k) => keyTag(k) === d.keyTag && k.algorithm === d.algorithm);
    if (tagged.length === 0) {
      problems.push(`DS ${d.keyTag}: no DNSKEY of ${zone} has key tag ${d.keyTag}`);
      continue;
    }
    const matching = tagged.filter((k) => (k.flags & FLAG_ZONE) !== 0 && (k.flags & FLAG_REVOKE) === 0 && dsFor(zone, k, d.digestType).digest.equals(d.digest));
    if (matching.length === 0) problems.push(`DS ${d.keyTag}: the digest of DNSKEY ${d.keyTag} does not match (RFC 4034 §5.1.4)`);
    entry.push(...matching);
  }
  if (entry.length === 0) return { state: 'bogus', rule: 'RFC 4035 §5.2', reason: problems.join('; ') };
  const verdict = verifyRrset(dnskeyRrset, rrsigs, zone, entry, now);
  if (!verdict.ok) return { state: 'bogus', rule: verdict.rule, reason: `DNSKEY RRset of ${zone}: ${verdict.reason}` };
  return {
    state: 'secure',
    keys,
    keyTag: verdict.keyTag,
    rule: 'RFC 4035 §5.2',
    reason: `DNSKEY ${verdict.keyTag} of ${zone} matches ${anchor.dnskeys ? 'the trust anchor' : `DS ${verdict.keyTag}`} and signs the DNSKEY RRset`,
    expiration: verdict.expiration,
  };
}
