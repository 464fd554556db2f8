// IPv4 (RFC 791), TCP (RFC 9293) and UDP (RFC 768) headers around payloads, with real checksums,
// so a capture tool reads the packets as it would read ones taken off a wire.

export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface Endpoint {
  address: string;
  port: number;
}

function addressBytes(address: string): Buffer {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${address}`);
  return Buffer.from(parts);
}

/** The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words. */
export function internetChecksum(...parts: Buffer[]): number {
  let sum = 0;
  let odd: number | null = null;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      if (odd === null) odd = part[i];
      else {
        sum += (odd << 8) | part[i];
        odd = null;
      }
    }
  }
  if (odd !== null) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4(src: string, dst: string, protocol: number, id: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header[0] = 0x45;
  header.writeUInt16BE(20 + payload.length, 2);
  header.writeUInt16BE(id & 0xffff, 4);
  header.writeUInt16BE(0x4000, 6); // don't fragment
  header[8] = 64;
  header[9] = protocol;
  addressBytes(src).copy(header, 12);
  addressBytes(dst).copy(header, 16);
  header.writeUInt16BE(internetChecksum(header), 10);
  return Buffer.concat([header, payload]);
}

function pseudoHeader(src: string, dst: string, protocol: number, length: number): Buffer {
  const p = Buffer.alloc(12);
  addressBytes(src).copy(p, 0);
  addressBytes(dst).copy(p, 4);
  p[9] = protocol;
  p.writeUInt16BE(length, 10);
  return p;
}

/** Largest payload one IPv4 packet carries (65535 minus the IP and TCP headers). */
export const MAX_TCP_PAYLOAD = 65535 - 40;

export interface TcpSegment {
  src: Endpoint;
  dst: Endpoint;
  seq: number;
  ack: number;
  flags: number;
  payload?: Buffer;
  ipId: number;
}

export function tcpPacket(s: TcpSegment): Buffer {
  const payload = s.payload ?? Buffer.alloc(0);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(s.src.port, 0);
  header.writeUInt16BE(s.dst.port, 2);
  header.writeUInt32BE(s.seq >>> 0, 4);
  header.writeUInt32BE((s.flags & TCP_ACK ? s.ack : 0) >>> 0, 8);
  header[12] = 5 << 4;
  header[13] = s.flags;
  header.writeUInt16BE(65535, 14);
  const segment = Buffer.concat([header, payload]);
  segment.writeUInt16BE(internetChecksum(pseudoHeader(s.src.address, s.dst.address, PROTO_TCP, segment.length), segment), 16);
  return ipv4(s.src.address, s.dst.address, PROTO_TCP, s.ipId, segment);
}

export function udpPacket(src: Endpoint, dst: Endpoint, payload: Buffer, ipId: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(src.port, 0);
  header.writeUInt16BE(dst.port, 2);
  header.writeUInt16BE(8 + payload.length, 4);
  const datagram = Buffer.concat([header, payload]);
  // RFC 768: a computed checksum of zero is sent as all ones.
  const sum = internetChecksum(pseudoHeader(src.address, dst.address, PROTO_UDP, datagram.length), datagram) || 0xffff;
  datagram.writeUInt16BE(sum, 6);
  return ipv4(src.address, dst.address, PROTO_UDP, ipId, datagram);
}
