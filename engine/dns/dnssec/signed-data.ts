// The octets an RRSIG signs: RRSIG RDATA without the signature, then the RRset in canonical
// form and order, each RR with the RRSIG's Original TTL (RFC 4034 §3.1.8.1, §6.2, §6.3).
import type { RrsigData } from 'dns-packet';
import { labelsOf, nameOfLabels, nameWire } from '../wire/names.ts';
import { canonicalRdata, canonicalRrWire, compareRdata, typeCode, type Rr } from '../wire/records.ts';

export function rrsigPrefix(sig: RrsigData): Buffer {
  const fixed = Buffer.alloc(18);
  fixed.writeUInt16BE(typeCode(sig.typeCovered), 0);
  fixed[2] = sig.algorithm;
  fixed[3] = sig.labels;
  fixed.writeUInt32BE(sig.originalTTL >>> 0, 4);
  fixed.writeUInt32BE(sig.expiration >>> 0, 8);
  fixed.writeUInt32BE(sig.inception >>> 0, 12);
  fixed.writeUInt16BE(sig.keyTag, 16);
  return Buffer.concat([fixed, nameWire(sig.signersName)]);
}

/**
 * The owner used in the signed data: when the RRSIG Labels field is smaller than the owner's
 * label count the answer came from a wildcard, and the "*." name is rebuilt (RFC 4035 §5.3.2).
 */
export function signedOwner(owner: string, labels: number): string {
  const all = labelsOf(owner);
  if (labels >= all.length) return owner;
  return nameOfLabels(['*', ...all.slice(all.length - labels)]);
}

export function signedData(sig: RrsigData, rrset: Rr[]): Buffer {
  const owner = signedOwner(rrset[0].name, sig.labels);
  const wires = rrset
    .map((rr) => ({ rdata: canonicalRdata(rr), wire: canonicalRrWire({ ...rr, name: owner }, sig.originalTTL) }))
    .sort((a, b) => compareRdata(a.rdata, b.rdata))
    .filter((x, i, all) => i === 0 || !x.rdata.equals(all[i - 1].rdata))
    .map((x) => x.wire);
  return Buffer.concat([rrsigPrefix(sig), ...wires]);
}
