// Is this RRset authenticated by one of these zone keys? RFC 4035 §5.3.1 checks, in order,
// then the signature itself; any one valid RRSIG suffices (RFC 6840 §5.4).
import type { DnskeyData, RrsigData } from 'dns-packet';
import { labelsOf, normalizeName, rrsigLabelCount } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';
import { ALG_ECDSAP256SHA256, FLAG_REVOKE, FLAG_ZONE, keyTag, verifyP256 } from './keys-crypto.ts';
import { signedData, signedOwner } from './signed-data.ts';

export type RrsetVerdict =
  | { ok: true; keyTag: number; signer: string; rule: string; reason: string; wildcard: string | null; expiration: number }
  | { ok: false; rule: string; reason: string; unsupported?: boolean };

/** a ≤ b in RFC 1982 serial arithmetic, as RFC 4034 §3.1.5 requires for RRSIG times. */
export function serialLe(a: number, b: number): boolean {
  return ((b - a) >>> 0) < 0x80000000;
}

export function describeRrset(rrset: Rr[]): string {
  return `${rrset[0].name} ${rrset[0].type}`;
}

function checkOne(rrset: Rr[], sig: RrsigData, owner: string, zone: string, keys: DnskeyData[], now: number): RrsetVerdict {
  const what = `RRSIG ${sig.typeCovered} ${owner} (key tag ${sig.keyTag}, signer ${sig.signersName})`;
  if (normalizeName(sig.signersName) !== zone) return { ok: false, rule: 'RFC 4035 §5.3.1', reason: `${what}: the signer is not the zone ${zone}` };
  if (sig.labels > rrsigLabelCount(owner)) return { ok: false, rule: 'RFC 4035 §5.3.1', reason: `${what}: Labels ${sig.labels} exceeds the owner's label count` };
  if (!serialLe(sig.inception, now)) return { ok: false, rule: 'RFC 4035 §5.3.1', reason: `${what}: not yet valid (inception ${sig.inception} > now ${now})` };
  if (!serialLe(now, sig.expiration)) return { ok: false, rule: 'RFC 4035 §5.3.1', reason: `${what}: expired (expiration ${sig.expiration} < now ${now})` };
  if (sig.algorithm !== ALG_ECDSAP256SHA256) return { ok: false, unsupported: true, rule: 'RFC 4035 §5.2', reason: `${what}: algorithm ${sig.algorithm} is not supported` };
  const candidates = keys.filter((k) => k.algorithm === sig.algorithm && (k.flags & FLAG_ZONE) !== 0 && (k.flags & FLAG_REVOKE) === 0 && keyTag(k) === sig.keyTag);
  if (candidates.length === 0) return { ok: false, rule: 'RFC 4035 §5.3.1', reason: `${what}: no zone DNSKEY of ${zone} has key tag ${sig.keyTag}` };
  const data = signedData(sig, rrset);
  // Key tags are not unique (RFC 4034 Appendix B): try every key that matches.
  if (!candidates.some((key) => verifyP256(key.key, data, sig.signature))) {
    return { ok: false, rule: 'RFC 4035 §5.3.3', reason: `${what}: the signature does not verify with DNSKEY ${sig.keyTag}` };
  }
  const wildcard = sig.labels < labelsOf(owner).length ? signedOwner(owner, sig.labels) : null;
  return { ok: true, keyTag: sig.keyTag, signer: zone, rule: 'RFC 4035 §5.3', reason: `${what} verifies`, wildcard, expiration: sig.expiration };
}

/**
 * `rrsigs` may hold RRSIGs of any owner/type: those that do not cover this RRset are ignored
 * (owner, class and type must match, RFC 4035 §5.3.1). `now` is seconds since the epoch.
 */
export function verifyRrset(rrset: Rr[], rrsigs: Rr[], zone: string, keys: DnskeyData[], now: number): RrsetVerdict {
  if (rrset.length === 0) return { ok: false, rule: 'RFC 4035 §5.3', reason: 'empty RRset' };
  const owner = normalizeName(rrset[0].name);
  const type = rrset[0].type;
  const covering = rrsigs.filter((rr) => rr.type === 'RRSIG' && normalizeName(rr.name) === owner && rr.data.typeCovered === type);
  if (covering.length === 0) return { ok: false, rule: 'RFC 4035 §5.3', reason: `${describeRrset(rrset)} has no RRSIG, but zone ${zone} is signed` };
  const failures: RrsetVerdict[] = [];
  for (const rr of covering) {
    if (rr.type !== 'RRSIG') continue;
    const verdict = checkOne(rrset, rr.data, owner, zone, keys, now >>> 0);
    if (verdict.ok) return verdict;
    failures.push(verdict);
  }
  const decisive = failures.find((f) => !f.ok && !f.unsupported) ?? failures[0];
  return decisive;
}
