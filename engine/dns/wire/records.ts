// Resource records as dns-packet objects, plus what dns-packet does not give: canonical RDATA,
// RRset grouping and canonical RR order (RFC 4034 §6.2, §6.3).
import dnsPacket from 'dns-packet';
import type { Answer, OptAnswer } from 'dns-packet';
import { compareNames, nameWire, normalizeName } from './names.ts';

/** One resource record; names are kept lower case (see names.ts). */
export type Rr = Exclude<Answer, OptAnswer> & { ttl: number };

const codec = dnsPacket as unknown as {
  record(type: string): { encode(data: unknown): Buffer };
};

/** Types whose RDATA names are lower-cased in canonical form (RFC 4034 §6.2 as amended by RFC 6840 §5.1: not NSEC). */
function lowerRdataNames(rr: Rr): Rr {
  switch (rr.type) {
    case 'NS':
    case 'CNAME':
    case 'DNAME':
    case 'PTR':
      return { ...rr, data: normalizeName(rr.data) };
    case 'MX':
      return { ...rr, data: { ...rr.data, exchange: normalizeName(rr.data.exchange) } };
    case 'SOA':
      return { ...rr, data: { ...rr.data, mname: normalizeName(rr.data.mname), rname: normalizeName(rr.data.rname) } };
    case 'SRV':
      return { ...rr, data: { ...rr.data, target: normalizeName(rr.data.target) } };
    case 'RRSIG':
      return { ...rr, data: { ...rr.data, signersName: normalizeName(rr.data.signersName) } };
    default:
      return rr;
  }
}

/** The RDATA octets of a record in canonical form (no compression, names lower-cased). */
export function canonicalRdata(rr: Rr): Buffer {
  const encoded = codec.record(rr.type).encode(lowerRdataNames(rr).data);
  return encoded.subarray(2);
}

/** Owner | type | class | TTL | RDLENGTH | RDATA, canonical (RFC 4034 §6.2), with the given TTL. */
export function canonicalRrWire(rr: Rr, ttl: number): Buffer {
  const rdata = canonicalRdata(rr);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(typeCode(rr.type), 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(ttl >>> 0, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([nameWire(rr.name), fixed, rdata]);
}

export function typeCode(type: string): number {
  return TYPE_CODES[type] ?? (/^TYPE(\d+)$/.exec(type) ? Number(type.slice(4)) : 0);
}

export const TYPE_CODES: Record<string, number> = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, HINFO: 13, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35,
  DNAME: 39, OPT: 41, DS: 43, SSHFP: 44, RRSIG: 46, NSEC: 47, DNSKEY: 48, NSEC3: 50, TLSA: 52, CAA: 257, ANY: 255,
};

export const TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(TYPE_CODES).map(([k, v]) => [v, k]));

export function typeName(code: number): string {
  return TYPE_NAMES[code] ?? `TYPE${code}`;
}

/** Canonical RR order within an RRset: RDATA as left-justified unsigned octet strings (RFC 4034 §6.3). */
export function compareRdata(a: Buffer, b: Buffer): number {
  return Buffer.compare(a, b);
}

/** The records of one RRset, duplicates removed (RFC 4034 §6.3), in canonical order. */
export function canonicalRrset(rrs: Rr[]): Rr[] {
  const withRdata = rrs.map((rr) => ({ rr, rdata: canonicalRdata(rr) }));
  withRdata.sort((x, y) => compareRdata(x.rdata, y.rdata));
  return withRdata.filter((x, i) => i === 0 || !x.rdata.equals(withRdata[i - 1].rdata)).map((x) => x.rr);
}

export function rrsetKey(rr: { name: string; type: string }): string {
  return `${normalizeName(rr.name)}|${rr.type}`;
}

/** Groups records into RRsets by owner and type, in canonical name order then type code. */
export function groupRrsets(rrs: Rr[]): Rr[][] {
  const groups = new Map<string, Rr[]>();
  for (const rr of rrs) {
    const key = rrsetKey(rr);
    const list = groups.get(key);
    if (list) list.push(rr);
    else groups.set(key, [rr]);
  }
  return [...groups.values()].sort((a, b) => compareNames(a[0].name, b[0].name) || typeCode(a[0].type) - typeCode(b[0].type));
}
