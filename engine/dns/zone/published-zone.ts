// A signed (or unsigned) zone indexed for answering: RRsets by owner and type, RRSIGs by the
// type they cover, the zone cuts, the names that exist (incl. empty non-terminals), the NSEC chain.
import { compareNames, isSubdomain, labelsOf, nameOfLabels } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';
import { isGlue } from './signer.ts';
import type { ZoneMode } from './zone-data.ts';

export interface PublishedZone {
  origin: string;
  mode: ZoneMode;
  records: Rr[];
  rrsets: Map<string, Map<string, Rr[]>>;
  rrsigs: Map<string, Map<string, Rr[]>>;
  cuts: Set<string>;
  /** Every name with data, and every empty non-terminal above one, within the zone. */
  existing: Set<string>;
  /** NSEC owners in canonical order. */
  nsecOwners: string[];
}

export function publishZone(origin: string, mode: ZoneMode, records: Rr[]): PublishedZone {
  const rrsets = new Map<string, Map<string, Rr[]>>();
  const rrsigs = new Map<string, Map<string, Rr[]>>();
  for (const rr of records) {
    const isSig = rr.type === 'RRSIG';
    const table = isSig ? rrsigs : rrsets;
    const key = isSig && rr.type === 'RRSIG' ? rr.data.typeCovered : rr.type;
    if (!table.has(rr.name)) table.set(rr.name, new Map());
    const byType = table.get(rr.name)!;
    if (!byType.has(key)) byType.set(key, []);
    byType.get(key)!.push(rr);
  }
  const cuts = new Set(records.filter((rr) => rr.type === 'NS' && rr.name !== origin).map((rr) => rr.name));
  const existing = new Set<string>();
  const depth = labelsOf(origin).length;
  for (const name of rrsets.keys()) {
    if (isGlue(name, cuts) || !isSubdomain(name, origin)) continue;
    const labels = labelsOf(name);
    for (let n = depth; n <= labels.length; n++) existing.add(nameOfLabels(labels.slice(labels.length - n)));
  }
  const nsecOwners = records.filter((rr) => rr.type === 'NSEC').map((rr) => rr.name).sort(compareNames);
  return { origin, mode, records, rrsets, rrsigs, cuts, existing, nsecOwners };
}

export function rrsetAt(zone: PublishedZone, name: string, type: string): Rr[] {
  return zone.rrsets.get(name)?.get(type) ?? [];
}

export function rrsigsFor(zone: PublishedZone, name: string, type: string): Rr[] {
  return zone.rrsigs.get(name)?.get(type) ?? [];
}

/** The NSEC whose owner is the greatest name ≤ `name` in canonical order: it matches or covers `name`. */
export function nsecCovering(zone: PublishedZone, name: string): Rr | null {
  const owners = zone.nsecOwners;
  if (owners.length === 0) return null;
  let lo = 0;
  let hi = owners.length - 1;
  let best = owners.length - 1;
  if (compareNames(name, owners[0]) < 0) best = owners.length - 1;
  else {
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (compareNames(owners[mid], name) <= 0) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
  }
  return rrsetAt(zone, owners[best], 'NSEC')[0] ?? null;
}

/** The longest existing ancestor of `name` in the zone (RFC 4592 §3.3.1). */
export function closestEncloser(zone: PublishedZone, name: string): string {
  const labels = labelsOf(name);
  for (let n = labels.length; n >= labelsOf(zone.origin).length; n--) {
    const candidate = nameOfLabels(labels.slice(labels.length - n));
    if (zone.existing.has(candidate)) return candidate;
  }
  return zone.origin;
}
