// A pcapng file (draft-ietf-opsawg-pcapng): one Section Header Block, one Interface Description
// Block and an Enhanced Packet Block per packet, little-endian. What Wireshark and tshark read.

/** LINKTYPE_IPV4: every packet starts with its IPv4 header (no link-layer header). */
export const LINKTYPE_IPV4 = 228;

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;

export interface PcapngPacket {
  /** Microseconds since 1970-01-01 UTC. */
  timestampUs: bigint;
  data: Buffer;
  comment?: string;
}

export interface PcapngOptions {
  application: string;
  interfaceName: string;
  comment?: string;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

function option(code: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(code, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value, Buffer.alloc(pad4(value.length))]);
}

function options(list: [number, Buffer][]): Buffer {
  if (list.length === 0) return Buffer.alloc(0);
  // An option's value holds at most 65535 octets.
  return Buffer.concat([...list.map(([code, value]) => option(code, value.subarray(0, 0xffff))), Buffer.alloc(4, 0) /* opt_endofopt */]);
}

function block(type: number, body: Buffer): Buffer {
  const total = 12 + body.length;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(total, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(total, 0);
  return Buffer.concat([head, body, tail]);
}

function sectionHeader(o: PcapngOptions): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  fixed.writeUInt16LE(1, 4);
  fixed.writeUInt16LE(0, 6);
  fixed.writeBigInt64LE(-1n, 8); // section length not given
  const opts: [number, Buffer][] = [[SHB_USERAPPL, Buffer.from(o.application)]];
  if (o.comment) opts.unshift([OPT_COMMENT, Buffer.from(o.comment)]);
  return block(SHB, Buffer.concat([fixed, options(opts)]));
}

function interfaceDescription(o: PcapngOptions): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(LINKTYPE_IPV4, 0);
  fixed.writeUInt32LE(0, 4); // no snap length
  // if_tsresol 6: timestamps count microseconds.
  return block(IDB, Buffer.concat([fixed, options([[IF_NAME, Buffer.from(o.interfaceName)], [IF_TSRESOL, Buffer.from([6])]])]));
}

function enhancedPacket(p: PcapngPacket): Buffer {
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0); // interface 0
  fixed.writeUInt32LE(Number((p.timestampUs >> 32n) & 0xffffffffn), 4);
  fixed.writeUInt32LE(Number(p.timestampUs & 0xffffffffn), 8);
  fixed.writeUInt32LE(p.data.length, 12);
  fixed.writeUInt32LE(p.data.length, 16);
  const opts = p.comment ? options([[OPT_COMMENT, Buffer.from(p.comment)]]) : Buffer.alloc(0);
  return block(EPB, Buffer.concat([fixed, p.data, Buffer.alloc(pad4(p.data.length)), opts]));
}

export function pcapngFile(packets: Iterable<PcapngPacket>, o: PcapngOptions): Buffer {
  const parts = [sectionHeader(o), interfaceDescription(o)];
  for (const p of packets) parts.push(enhancedPacket(p));
  return Buffer.concat(parts);
}


