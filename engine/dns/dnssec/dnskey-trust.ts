// From a trusted DS RRset (or a trust anchor) to a trusted DNSKEY RRset (RFC 4035 §5.2).
import { english, reasonOf, said, text, type Text } from '../../../common/i18n/text.ts';
import type { DnskeyData, DsData } from 'dns-packet';
import type { Rr } from '../wire/records.ts';
import { ALG_ECDSAP256SHA256, FLAG_REVOKE, FLAG_ZONE, dsFor, keyTag, supportedDigest } from './keys-crypto.ts';
import { verifyRrset } from './verify-rrset.ts';

export type KeyTrust =
  | { state: 'secure'; keys: DnskeyData[]; keyTag: number; rule: string; reason: string; reasonText?: Text; expiration: number }
  | { state: 'insecure'; rule: string; reason: string; reasonText?: Text }
  | { state: 'bogus'; rule: string; reason: string; reasonText?: Text };

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
    return { state: 'insecure', rule: 'RFC 4035 §5.2', ...said(text('dnsKeys.unsupportedDs', { zone })) };
  }
  if (keys.length === 0) return { state: 'bogus', rule: 'RFC 4035 §5.2', ...said(text('dnsKeys.noDnskey', { zone })) };
  const entry: DnskeyData[] = [];
  const problems: Text[] = [];
  if (anchor.dnskeys) {
    entry.push(...keys.filter((k) => anchor.dnskeys!.some((a) => sameKey(a, k))));
    if (entry.length === 0) problems.push(text('dnsKeys.notAnchor', { zone }));
  }
  for (const d of usableDs) {
    const tagged = keys.filter((k) => keyTag(k) === d.keyTag && k.algorithm === d.algorithm);
    if (tagged.length === 0) {
      problems.push(text('dnsKeys.noTag', { tag: d.keyTag, zone }));
      continue;
    }
    const matching = tagged.filter((k) => (k.flags & FLAG_ZONE) !== 0 && (k.flags & FLAG_REVOKE) === 0 && dsFor(zone, k, d.digestType).digest.equals(d.digest));
    if (matching.length === 0) problems.push(text('dnsKeys.digest', { tag: d.keyTag }));
    entry.push(...matching);
  }
  if (entry.length === 0) return { state: 'bogus', rule: 'RFC 4035 §5.2', reason: problems.map(english).join('; '), reasonText: text('dnsKeys.problems', { problems }) };
  const verdict = verifyRrset(dnskeyRrset, rrsigs, zone, entry, now);
  if (!verdict.ok) return { state: 'bogus', rule: verdict.rule, ...said(text('dnsKeys.rrsetBad', { zone, reason: reasonOf(verdict) })) };
  return {
    state: 'secure',
    keys,
    keyTag: verdict.keyTag,
    rule: 'RFC 4035 §5.2',
    ...said(text(anchor.dnskeys ? 'dnsKeys.matchesAnchor' : 'dnsKeys.matchesDs', { tag: verdict.keyTag, zone })),
    expiration: verdict.expiration,
  };
}
