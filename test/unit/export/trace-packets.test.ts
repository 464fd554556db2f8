// The trace as packets, read back with a small pcapng/IPv4/TCP reader: each direction's payload
// equals the wire rows' bytes, sequence and acknowledgment numbers follow them, and rows that are
// not wire bytes (inside TLS, attacker, policy) put nothing on the wire.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { internetChecksum } from '../../../engine/export/ip-packets.ts';
import { KeyLogBook, clientRandoms } from '../../../engine/export/key-log.ts';
import { exportTrace } from '../../../engine/export/trace-export.ts';
import { selectFlows } from '../../../engine/export/capture-query.ts';

interface Packet {
  src: string;
  dst: string;
  proto: number;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  payload: Buffer;
  comment?: string;
  ipChecksumOk: boolean;
  l4ChecksumOk: boolean;
}

/** Reads back what pcapng.ts writes: SHB, IDB, then EPBs. */
function readPcapng(file: Buffer): { linktype: number; packets: Packet[] } {
  let at = 0;
  let linktype = -1;
  const packets: Packet[] = [];
  while (at < file.length) {
    const type = file.readUInt32LE(at);
    const length = file.readUInt32LE(at + 4);
    expect(file.readUInt32LE(at + length - 4)).toBe(length);
    expect(length % 4).toBe(0);
    if (type === 0x0a0d0d0a) expect(file.readUInt32LE(at + 8)).toBe(0x1a2b3c4d);
    if (type === 1) linktype = file.readUInt16LE(at + 8);
    if (type === 6) {
      const captured = file.readUInt32LE(at + 20);
      const data = file.subarray(at + 28, at + 28 + captured);
      let opt = at + 28 + captured + ((4 - (captured % 4)) % 4);
      let comment: string | undefined;
      while (opt < at + length - 4) {
        const code = file.readUInt16LE(opt);
        const len = file.readUInt16LE(opt + 2);
        if (code === 0) break;
        if (code === 1) comment = file.subarray(opt + 4, opt + 4 + len).toString();
        opt += 4 + len + ((4 - (len % 4)) % 4);
      }
      packets.push(parseIp(data, comment));
    }
    at += length;
  }
  return { linktype, packets };
}

function parseIp(data: Buffer, comment?: string): Packet {
  const ihl = (data[0] & 0x0f) * 4;
  const proto = data[9];
  const src = [...data.subarray(12, 16)].join('.');
  const dst = [...data.subarray(16, 20)].join('.');
  const l4 = data.subarray(ihl, data.readUInt16BE(2));
  const pseudo = Buffer.alloc(12);
  data.copy(pseudo, 0, 12, 20);
  pseudo[9] = proto;
  pseudo.writeUInt16BE(l4.length, 10);
  const base = { src, dst, proto, sport: l4.readUInt16BE(0), dport: l4.readUInt16BE(2), comment, ipChecksumOk: internetChecksum(data.subarray(0, ihl)) === 0, l4ChecksumOk: internetChecksum(pseudo, l4) === 0 };
  if (proto === 17) return { ...base, seq: 0, ack: 0, flags: 0, payload: l4.subarray(8) };
  return { ...base, seq: l4.readUInt32BE(4), ack: l4.readUInt32BE(8), flags: l4[13], payload: l4.subarray((l4[12] >> 4) * 4) };
}

let seq = 0;
const link = { from: 'mail.sender.example', to: 'mx.example.jp', port: 25 };
const ev = (e: Partial<TraceEvent> & Pick<TraceEvent, 'layer' | 'dir'>): TraceEvent => ({ seq: ++seq, t: seq, flow: 'f6', link, summary: `row ${seq}`, visibility: 'plaintext', ...e });
const raw = (s: string | Buffer) => Buffer.from(s).toString('base64');

// A ClientHello record whose random is 32 × 0xab.
const clientHello = Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x2a, 0x01, 0x00, 0x00, 0x26, 0x03, 0x03]), Buffer.alloc(32, 0xab), Buffer.from([0x00, 0x00, 0x00])]);

function session(): TraceEvent[] {
  seq = 0;
  return [
    ev({ layer: 'policy', dir: 'none', flow: 'f1', summary: 'deliver' }),
    ev({ layer: 'tcp', dir: 'c2s', detail: { kind: 'open' } }),
    ev({ layer: 'smtp', dir: 's2c', raw: raw('220 mx.example.jp ESMTP\r\n'), detail: { kind: 'reply' } }),
    ev({ layer: 'smtp', dir: 'c2s', raw: raw('EHLO mail.sender.example\r\n'), detail: { kind: 'command' } }),
    ev({ layer: 'smtp', dir: 's2c', raw: raw('250-mx.example.jp\r\n250 STARTTLS\r\n'), detail: { kind: 'reply' } }),
    ev({ layer: 'smtp', dir: 'c2s', raw: raw('STARTTLS\r\n'), detail: { kind: 'command' } }),
    ev({ layer: 'smtp', dir: 's2c', raw: raw('220 go ahead\r\n'), detail: { kind: 'reply' } }),
    ev({ layer: 'tls', dir: 'c2s', raw: raw(clientHello), detail: { kind: 'handshake', messages: ['ClientHello'] } }),
    ev({ layer: 'tls', dir: 's2c', raw: raw(Buffer.alloc(3000, 0x17)), detail: { kind: 'encrypted', octets: 3000 } }),
    // What the receiver read inside TLS is not on the wire.
    ev({ layer: 'smtp', dir: 'c2s', raw: raw('MAIL FROM:<a@b>\r\n'), detail: { kind: 'command', insideTls: true }, visibility: 'encrypted' }),
    ev({ layer: 'attack', dir: 'c2s', raw: raw('XXXXXXXA'), detail: { kind: 'attack' } }),
    ev({ layer: 'tls', dir: 'c2s', raw: raw(Buffer.alloc(40, 0x17)), detail: { kind: 'encrypted', octets: 40 } }),
    ev({ layer: 'tcp', dir: 's2c', detail: { kind: 'fin' } }),
    ev({ layer: 'tcp', dir: 'c2s', detail: { kind: 'fin' } }),
    ev({ layer: 'tcp', dir: 'none', detail: { kind: 'closed' } }),
    ev({ layer: 'dns', dir: 'c2s', flow: 'f2', link: { from: 'mail.sender.example', to: 'ns.example.jp', port: 53 }, raw: raw('query') }),
    ev({ layer: 'dns', dir: 's2c', flow: 'f2', link: { from: 'mail.sender.example', to: 'ns.example.jp', port: 53 }, raw: raw('reply') }),
  ];
}

const tcpOf = (packets: Packet[]) => packets.filter((p) => p.proto === 6);

describe('trace export as pcapng', () => {
  it('carries each direction’s wire bytes exactly, between the lab addresses, with valid checksums', () => {
    const events = session();
    const { linktype, packets } = readPcapng(exportTrace(events, { epochMs: 0 }).pcapng);
    expect(linktype).toBe(228);
    expect(packets.every((p) => p.ipChecksumOk && p.l4ChecksumOk)).toBe(true);
    const tcp = tcpOf(packets);
    const c2s = Buffer.concat(tcp.filter((p) => p.dst === '192.0.2.25').map((p) => p.payload));
    const s2c = Buffer.concat(tcp.filter((p) => p.src === '192.0.2.25').map((p) => p.payload));
    expect(c2s).toEqual(Buffer.concat([Buffer.from('EHLO mail.sender.example\r\nSTARTTLS\r\n'), clientHello, Buffer.alloc(40, 0x17)]));
    expect(s2c).toEqual(Buffer.concat([Buffer.from('220 mx.example.jp ESMTP\r\n250-mx.example.jp\r\n250 STARTTLS\r\n220 go ahead\r\n'), Buffer.alloc(3000, 0x17)]));
    expect(tcp.every((p) => (p.src === '198.51.100.25' && p.dport === 25) || (p.dst === '198.51.100.25' && p.sport === 25))).toBe(true);
    // Segments of at most the MSS.
    expect(Math.max(...tcp.map((p) => p.payload.length))).toBe(1460);
  });

  it('opens with SYN, SYN-ACK, ACK and numbers every octet, so the stream reassembles', () => {
    const { packets } = readPcapng(exportTrace(session(), { epochMs: 0 }).pcapng);
    const tcp = tcpOf(packets);
    expect(tcp.slice(0, 3).map((p) => p.flags)).toEqual([0x02, 0x12, 0x10]);
    const [syn, synAck] = tcp;
    expect(synAck.ack).toBe((syn.seq + 1) >>> 0);
    const next = { c: (syn.seq + 1) >>> 0, s: (synAck.seq + 1) >>> 0 };
    for (const p of tcp.slice(2)) {
      const fromClient = p.src === '198.51.100.25';
      expect(p.seq).toBe(fromClient ? next.c : next.s);
      expect(p.ack).toBe(fromClient ? next.s : next.c);
      const advance = p.payload.length + (p.flags & 0x01 ? 1 : 0);
      if (fromClient) next.c = (next.c + advance) >>> 0;
      else next.s = (next.s + advance) >>> 0;
    }
    expect(tcp.filter((p) => p.flags & 0x01)).toHaveLength(2);
  });

  it('sends DNS rows as UDP datagrams to port 53 and names each packet’s row in a comment', () => {
    const { packets } = readPcapng(exportTrace(session(), { epochMs: 0 }).pcapng);
    const udp = packets.filter((p) => p.proto === 17);
    expect(udp.map((p) => [p.src, p.dst, p.payload.toString()])).toEqual([
      ['198.51.100.25', '192.0.2.53', 'query'],
      ['192.0.2.53', '198.51.100.25', 'reply'],
    ]);
    expect(udp[0].dport).toBe(53);
    expect(udp[1].sport).toBe(53);
    expect(packets[0].comment).toBe('#2 row 2');
  });

  it('leaves a gap in the numbers for octets a row did not keep', () => {
    seq = 0;
    const events = [ev({ layer: 'tcp', dir: 'c2s', detail: { kind: 'open' } }), ev({ layer: 'smtp', dir: 'c2s', raw: raw('abc'), detail: { kind: 'data', rawTruncated: true, rawOctets: 10 } }), ev({ layer: 'tcp', dir: 'c2s', detail: { kind: 'fin' } })];
    const tcp = tcpOf(readPcapng(exportTrace(events, { epochMs: 0 }).pcapng).packets);
    const data = tcp.find((p) => p.payload.length > 0)!;
    const fin = tcp.find((p) => p.flags & 0x01)!;
    expect(fin.seq).toBe((data.seq + 10) >>> 0);
  });

  it('exports only the flows asked for, and the key log lines of their ClientHellos only', () => {
    const keys = new KeyLogBook();
    keys.add(Buffer.from(`CLIENT_TRAFFIC_SECRET_0 ${'ab'.repeat(32)} ${'01'.repeat(48)}\n`));
    keys.add(Buffer.from(`CLIENT_TRAFFIC_SECRET_0 ${'cd'.repeat(32)} ${'02'.repeat(48)}\n`));
    keys.add('not a key log line');
    const events = session();
    expect(clientRandoms(events)).toEqual(['ab'.repeat(32)]);
    const onlyDns = exportTrace(events, { epochMs: 0, keys, flows: ['f2'] });
    expect(readPcapng(onlyDns.pcapng).packets.every((p) => p.proto === 17)).toBe(true);
    expect(onlyDns.keylog).toBe('');
    const smtp = exportTrace(events, { epochMs: 0, keys, flows: ['f6'] });
    expect(smtp.keylog).toBe(`CLIENT_TRAFFIC_SECRET_0 ${'ab'.repeat(32)} ${'01'.repeat(48)}\n`);
    expect([smtp.tlsSessions, smtp.tlsSessionsWithKeys]).toEqual([1, 1]);
  });

  it('picks the flows a node took part in after a seq', () => {
    const events = session();
    expect(selectFlows(events, { since: 15, node: 'ns.example.jp' })).toEqual(['f2']);
    expect(selectFlows(events, { since: 1, node: 'mx.example.jp' })).toEqual(['f6']);
    expect(selectFlows(events, {})).toBeUndefined();
  });
});
