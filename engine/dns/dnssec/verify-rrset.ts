// Is this RRset authenticated by one of these zone keys? RFC 4035 §5.3.1 checks, in order,
// then the signature itself; any one valid RRSIG suffices (RFC 6840 §5.4).
import { said, text, type Text } from '../../../common/i18n/text.ts';
import type { DnskeyData, RrsigData } from 'dns-packet';
import { labelsOf, normalizeName, rrsigLabelCount } from '../wire/names.ts';
import { readableTime } from '../wire/present.ts';
import type { Rr } from '../wire/records.ts';
import { ALG_ECDSAP256SHA256, FLAG_REVOKE, FLAG_ZONE, keyTag, verifyP256 } from './keys-crypto.ts';
import { signedData, signedOwner } from './signed-data.ts';

export type RrsetVerdict =
  | { ok: true; keyTag: number; signer: string; rule: string; reason: string; reasonText?: Text; wildcard: string | null; expiration: number }
  | { ok: false; rule: string; reason: string; reasonText?: Text; unsupported?: boolean };

/** a ≤ b in RFC 1982 serial arithmetic, as RFC 4034 §3.1.5 requires for RRSIG times. */
export function serialLe(a: number, b: number): boolean {
  return ((b - a) >>> 0) < 0x80000000;
}

export function describeRrset(rrset: Rr[]): string {
  return `${rrset[0].name} ${rrset[0].type}`;
}

function checkOne(rrset: Rr[], sig: RrsigData, owner: string, zone: string, keys: DnskeyData[], now: number): RrsetVerdict {
  const what = text('dnsVerify.what', { type: sig.typeCovered, owner, tag: sig.keyTag, signer: sig.signersName });
  if (normalizeName(sig.signersName) !== zone) return { ok: false, rule: 'RFC 4035 §5.3.1', ...said(text('dnsVerify.wrongSigner', { what, zone })) };
  if (sig.labels > rrsigLabelCount(owner)) return { ok: false, rule: 'RFC 4035 §5.3.1', ...said(text('dnsVerify.labels', { what, labels: sig.labels })) };
  if (!serialLe(sig.inception, now)) return { ok: false, rule: 'RFC 4035 §5.3.1', ...said(text('dnsVerify.notYetValid', { what, inception: readableTime(sig.inception), now: readableTime(now) })) };
  if (!serialLe(now, sig.expiration)) return { ok: false, rule: 'RFC 4035 §5.3.1', ...said(text('dnsVerify.expired', { what, expiration: readableTime(sig.expiration), now: readableTime(now) })) };
  if (sig.algorithm !== ALG_ECDSAP256SHA256) return { ok: false, unsupported: true, rule: 'RFC 4035 §5.2', ...said(text('dnsVerify.algorithm', { what, algorithm: sig.algorithm })) };
  const candidates = keys.filter((k) => k.algorithm === sig.algorithm && (k.flags & FLAG_ZONE) !== 0 && (k.flags & FLAG_REVOKE) === 0 && keyTag(k) === sig.keyTag);
  if (candidates.length === 0) return { ok: false, rule: 'RFC 4035 §5.3.1', ...said(text('dnsVerify.noKey', { what, zone, tag: sig.keyTag })) };
  const data = signedData(sig, rrset);
  // Key tags are not unique (RFC 4034 Appendix B): try every key that matches.
  if (!candidates.some((key) => verifyP256(key.key, data, sig.signature))) {
    return { ok: false, rule: 'RFC 4035 §5.3.3', ...said(text('dnsVerify.badSignature', { what, tag: sig.keyTag })) };
  }
  const wildcard = sig.labels < labelsOf(owner).length ? signedOwner(owner, sig.labels) : null;
  return { ok: true, keyTag: sig.keyTag, signer: zone, rule: 'RFC 4035 §5.3', ...said(text('dnsVerify.verifies', { what })), wildcard, expiration: sig.expiration };
}

/**
 * `rrsigs` may hold RRSIGs of any owner/type: those that do not cover this RRset are ignored
 * (owner, class and type must match, RFC 4035 §5.3.1). `now` is seconds since the epoch.
 */
export function verifyRrset(rrset: Rr[], rrsigs: Rr[], zone: string, keys: DnskeyData[], now: number): RrsetVerdict {
  if (rrset.length === 0) return { ok: false, rule: 'RFC 4035 §5.3', ...said(text('dnsVerify.empty')) };
  const owner = normalizeName(rrset[0].name);
  const type = rrset[0].type;
  const covering = rrsigs.filter((rr) => rr.type === 'RRSIG' && normalizeName(rr.name) === owner && rr.data.typeCovered === type);
  if (covering.length === 0) return { ok: false, rule: 'RFC 4035 §5.3', ...said(text('dnsVerify.noRrsig', { rrset: describeRrset(rrset), zone })) };
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
