// The trace as packets: each flow's wire rows become TCP segments (or UDP datagrams for DNS)
// between the lab addresses of its link, with the handshake, FIN and RST the tcp rows record,
// and sequence and acknowledgment numbers that follow the bytes, so a capture tool reassembles
// the very byte stream the relay carried. Sans-IO: trace events in, packets out.

import type { TraceEvent } from '../../common/trace.ts';
import { MAX_TCP_PAYLOAD, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, tcpPacket, udpPacket, type Endpoint } from './ip-packets.ts';
import type { PcapngPacket } from './pcapng.ts';

type Dir = 'c2s' | 's2c';

/** The octets a row put on its link, and how many more it stood for but did not keep. */
export interface WireBytes {
  dir: Dir;
  bytes: Buffer;
  missing: number;
}

export interface PacketOptions {
  /** Wall-clock time (ms since 1970) the trace's t counts from. */
  epochMs: number;
  /** Lab address of a node id ("mx.example.jp" → "192.0.2.25"). */
  addressOf(node: string): string | undefined;
  /** Payload octets per TCP segment. */
  mss?: number;
}

export const DEFAULT_MSS = 1460;
const EPHEMERAL_BASE = 49152;
const EPHEMERAL_SPAN = 16384;
const DNS_PORT = 53;
const MAX_UDP_PAYLOAD = 65535 - 28;
/** Where a node has no lab address (a client the lab knows only by its loopback socket). */
const LOOPBACK = '127.0.0.1';

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * The bytes a row carried on the wire, or null for rows that are not wire bytes: decisions,
 * notes, attacker rows (the relay also records what the attacker let through), HTTP rows
 * (their TLS records are rows of their own) and what the receiver read inside TLS.
 */
export function wireBytesOf(event: TraceEvent): WireBytes | null {
  if (!event.raw || (event.dir !== 'c2s' && event.dir !== 's2c')) return null;
  if (event.layer !== 'smtp' && event.layer !== 'tls' && event.layer !== 'dns') return null;
  if (event.detail?.insideTls === true) return null;
  const bytes = Buffer.from(event.raw, 'base64');
  const detail = event.detail ?? {};
  // Rows keep at most 1 MiB of their bytes and say how many they stood for.
  const declared = num(detail.rawOctets) ?? (detail.kind === 'encrypted' ? num(detail.octets) : undefined);
  return { dir: event.dir, bytes, missing: declared !== undefined && declared > bytes.length ? declared - bytes.length : 0 };
}

function flowNumber(flow: string): number {
  const digits = /(\d+)$/.exec(flow);
  if (digits) return Number(digits[1]);
  let h = 0;
  for (const c of flow) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** A fixed initial sequence number per flow and side: exports of one trace are byte-identical. */
function isn(flow: string, side: number): number {
  let h = 0x811c9dc5 ^ side;
  for (const c of `${flow}/${side}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

interface TcpState {
  ends: Record<Dir, { src: Endpoint; dst: Endpoint }>;
  next: Record<Dir, number>;
  opened: boolean;
  closed: boolean;
}

export function tracePackets(events: Iterable<TraceEvent>, o: PacketOptions): PcapngPacket[] {
  const mss = Math.max(1, Math.min(o.mss ?? DEFAULT_MSS, MAX_TCP_PAYLOAD));
  const packets: PcapngPacket[] = [];
  const flows = new Map<string, TcpState>();
  let ipId = 0;

  const endpoint = (node: string, port: number): Endpoint => {
    const known = o.addressOf(node);
    if (known) return { address: known, port };
    const socket = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(node);
    if (socket) return { address: socket[1], port: Number(socket[2]) };
    return { address: LOOPBACK, port };
  };

  const endsOf = (event: TraceEvent, defaultPort: number) => {
    const client = endpoint(event.link.from, EPHEMERAL_BASE + (flowNumber(event.flow) % EPHEMERAL_SPAN));
    const server = endpoint(event.link.to, event.link.port ?? defaultPort);
    return { c2s: { src: client, dst: server }, s2c: { src: server, dst: client } };
  };

  const stateOf = (event: TraceEvent, defaultPort: number): TcpState => {
    let state = flows.get(event.flow);
    if (!state) {
      state = { ends: endsOf(event, defaultPort), next: { c2s: isn(event.flow, 0), s2c: isn(event.flow, 1) }, opened: false, closed: false };
      flows.set(event.flow, state);
    }
    return state;
  };

  const at = (event: TraceEvent) => BigInt(Math.round((o.epochMs + event.t) * 1000));
  let pendingComment: string | undefined;
  const push = (event: TraceEvent, data: Buffer) => {
    packets.push({ timestampUs: at(event), data, ...(pendingComment ? { comment: pendingComment } : {}) });
    pendingComment = undefined;
  };
  const other = (dir: Dir): Dir => (dir === 'c2s' ? 's2c' : 'c2s');

  const segment = (event: TraceEvent, s: TcpState, dir: Dir, flags: number, payload?: Buffer) => {
    const { src, dst } = s.ends[dir];
    push(event, tcpPacket({ src, dst, seq: s.next[dir], ack: s.next[other(dir)], flags, payload, ipId: ++ipId }));
  };

  const handshake = (event: TraceEvent, s: TcpState) => {
    s.opened = true;
    segment(event, s, 'c2s', TCP_SYN);
    s.next.c2s = (s.next.c2s + 1) >>> 0;
    const { src, dst } = s.ends.s2c;
    push(event, tcpPacket({ src, dst, seq: s.next.s2c, ack: s.next.c2s, flags: TCP_SYN | TCP_ACK, ipId: ++ipId }));
    s.next.s2c = (s.next.s2c + 1) >>> 0;
    segment(event, s, 'c2s', TCP_ACK);
  };

  const data = (event: TraceEvent, s: TcpState, dir: Dir, bytes: Buffer, missing: number) => {
    for (let offset = 0; offset < bytes.length; offset += mss) {
      const piece = bytes.subarray(offset, offset + mss);
      segment(event, s, dir, TCP_ACK | TCP_PSH, piece);
      s.next[dir] = (s.next[dir] + piece.length) >>> 0;
    }
    // Octets the trace did not keep: the numbers move on, as over a gap in a real capture.
    s.next[dir] = (s.next[dir] + missing) >>> 0;
  };

  const fin = (event: TraceEvent, s: TcpState, dir: Dir) => {
    segment(event, s, dir, TCP_FIN | TCP_ACK);
    s.next[dir] = (s.next[dir] + 1) >>> 0;
  };

  for (const event of events) {
    pendingComment = `#${event.seq} ${event.summary}`;
    if (event.layer === 'tcp') {
      const kind = event.detail?.kind;
      const s = stateOf(event, 0);
      if (kind === 'open' && !s.opened) handshake(event, s);
      else if (kind === 'fin' && (event.dir === 'c2s' || event.dir === 's2c')) fin(event, s, event.dir);
      else if ((kind === 'reset' || kind === 'refused') && (event.dir === 'c2s' || event.dir === 's2c') && !s.closed) {
        s.closed = true;
        segment(event, s, event.dir, TCP_RST | TCP_ACK);
      }
      continue;
    }
    const wire = wireBytesOf(event);
    if (!wire) continue;
    if (event.layer !== 'dns') {
      data(event, stateOf(event, 0), wire.dir, wire.bytes, wire.missing);
      continue;
    }
    if (event.detail?.transport === 'tcp') {
      // RFC 1035 §4.2.2: over TCP each message has a two-octet length in front.
      const s = stateOf(event, DNS_PORT);
      if (!s.opened) handshake(event, s);
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(wire.bytes.length, 0);
      data(event, s, wire.dir, Buffer.concat([prefix, wire.bytes]), 0);
      if (wire.dir === 's2c') {
        fin(event, s, 'c2s');
        fin(event, s, 's2c');
        segment(event, s, 'c2s', TCP_ACK);
      }
      continue;
    }
    if (wire.bytes.length > MAX_UDP_PAYLOAD) continue;
    const ends = endsOf(event, DNS_PORT)[wire.dir];
    push(event, udpPacket(ends.src, ends.dst, wire.bytes, ++ipId));
  }
  return packets;
}
