// The server over real sockets: EDNS, truncation, error rcodes, and thousands of random and
// mutated packets over UDP and TCP without a crash.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../engine/dns/server/dns-server.ts';
import { respond } from '../../../engine/dns/server/respond.ts';
import { tcpExchange, udpExchange } from '../../../engine/dns/resolver/exchange.ts';
import { testZones } from './lab-zones.ts';

const zones = testZones();
let server: DnsServer;
beforeAll(async () => {
  server = await startDnsServer({ zones: () => zones.published() });
});
afterAll(async () => {
  await server?.close();
});

function query(name: string, type: string, options: { do?: boolean; size?: number; edns?: boolean } = {}): Buffer {
  const additionals = options.edns === false ? [] : [{ type: 'OPT', name: '.', udpPayloadSize: options.size ?? 1232, flags: options.do ? dnsPacket.DNSSEC_OK : 0 } as never];
  return dnsPacket.encode({ type: 'query', id: 4242, flags: 0, questions: [{ name, type: type as never, class: 'IN' }], additionals });
}

const rcodeOf = (reply: Buffer) => reply.readUInt16BE(2) & 0xf;

/** Deterministic pseudo-random bytes (xorshift), so a failure can be replayed. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('authoritative server', () => {
  it('binds UDP and TCP on 127.0.0.1 only', () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers with RRSIGs and echoes DO when DO is set, without them otherwise (RFC 3225)', async () => {
    const signed = dnsPacket.decode(await udpExchange(server.port, query('example.jp', 'MX', { do: true })));
    expect(signed.flag_aa).toBe(true);
    expect(signed.answers!.map((a) => a.type)).toEqual(['MX', 'RRSIG']);
    const opt = signed.additionals!.find((a) => a.type === 'OPT') as { flags: number };
    expect(opt.flags & dnsPacket.DNSSEC_OK).toBeTruthy();
    const plain = dnsPacket.decode(await udpExchange(server.port, query('example.jp', 'MX')));
    expect(plain.answers!.map((a) => a.type)).toEqual(['MX']);
  });

  it('sets TC over UDP beyond the advertised size, and answers in full over TCP', async () => {
    const big = query('example.jp', 'ANY', { do: true, size: 512 });
    const udp = await udpExchange(server.port, big);
    expect(udp.readUInt16BE(2) & 0x0200).toBeTruthy();
    expect(udp.length).toBeLessThanOrEqual(512);
    const tcp = dnsPacket.decode(await tcpExchange(server.port, big));
    expect(tcp.flag_tc).toBe(false);
    expect(tcp.answers!.filter((a) => a.type === 'DNSKEY')).toHaveLength(2);
  });

  it('FORMERR for two questions or a broken name, NOTIMP for another opcode, BADVERS for EDNS 1, REFUSED outside its zones', async () => {
    const two = Buffer.from(query('example.jp', 'A'));
    two.writeUInt16BE(2, 4);
    expect(rcodeOf(respond(zones.published(), two, 'udp').bytes!)).toBe(1);
    const broken = Buffer.from(query('example.jp', 'A'));
    broken[12] = 0x80;
    expect(rcodeOf(respond(zones.published(), broken, 'udp').bytes!)).toBe(1);
    const notify = Buffer.from(query('example.jp', 'SOA'));
    notify.writeUInt16BE((4 << 11) | 0, 2);
    expect(rcodeOf(respond(zones.published(), notify, 'udp').bytes!)).toBe(4);
    const v1 = query('example.jp', 'A');
    v1[v1.length - 5] = 1; // the OPT TTL's version octet
    const badvers = dnsPacket.decode(respond(zones.published(), v1, 'udp').bytes!) as unknown as { additionals: { extendedRcode: number }[] };
    expect(badvers.additionals[0].extendedRcode).toBe(1);
    const onlyExampleJp = zones.published().filter((z) => z.origin === 'example.jp');
    expect(rcodeOf(respond(onlyExampleJp, query('google.com', 'A'), 'udp').bytes!)).toBe(5);
    expect(rcodeOf(respond(zones.published(), query('google.com', 'A'), 'udp').bytes!)).toBe(3);
    const response = Buffer.from(query('example.jp', 'A'));
    response[2] |= 0x80;
    expect(respond(zones.published(), response, 'udp').bytes).toBeNull();
  });

  it('refers to a child zone it does not serve with NS + DS + RRSIG, or NS + NSEC for an insecure one', () => {
    const rootOnly = zones.published().filter((z) => z.origin === '.');
    const secure = dnsPacket.decode(respond(rootOnly, query('mx.example.jp', 'A', { do: true }), 'udp').bytes!);
    expect(secure.flag_aa).toBe(false);
    expect(secure.authorities!.map((a) => a.type)).toEqual(['NS', 'DS', 'RRSIG']);
    expect(secure.additionals!.some((a) => a.type === 'A')).toBe(true);
    const insecure = dnsPacket.decode(respond(rootOnly, query('attacker.example', 'A', { do: true }), 'udp').bytes!);
    expect(insecure.authorities!.map((a) => a.type)).toEqual(['NS', 'NSEC', 'RRSIG']);
  });

  it('survives thousands of random and mutated packets over UDP and TCP', async () => {
    const random = prng(20261122);
    const seeds = [query('example.jp', 'MX', { do: true }), query('_25._tcp.mx.example.jp', 'TLSA', { do: true }), query('nope.jp', 'A'), query('.', 'DNSKEY', { do: true })];
    const packets: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 0) {
        packets.push(Buffer.from(Array.from({ length: Math.floor(random() * 80) }, () => Math.floor(random() * 256))));
      } else {
        const p = Buffer.from(seeds[i % seeds.length]);
        const flips = 1 + Math.floor(random() * 4);
        for (let f = 0; f < flips; f++) p[Math.floor(random() * p.length)] = Math.floor(random() * 256);
        packets.push(i % 7 === 0 ? p.subarray(0, Math.floor(random() * p.length)) : p);
      }
    }
    const allowed = new Set([0, 1, 3, 4, 5]);
    for (const p of packets) {
      const reply = respond(zones.published(), p, 'udp');
      if (reply.bytes) {
        expect(allowed.has(rcodeOf(reply.bytes)) || reply.rcode === 'BADVERS').toBe(true);
        expect(reply.bytes.length).toBeLessThanOrEqual(4096);
      }
    }
    // The same packets on the real sockets: UDP fire-and-forget, TCP on a few connections.
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind({ port: 0, address: '127.0.0.1' }, () => resolve()));
    let replies = 0;
    udp.on('message', () => replies++);
    for (let i = 0; i < 1500; i++) udp.send(packets[i], server.port, '127.0.0.1');
    for (let c = 0; c < 5; c++) {
      const socket = connect({ port: server.port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      socket.on('data', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      for (let i = c * 300; i < (c + 1) * 300; i++) {
        const framed = Buffer.alloc(2 + packets[i].length);
        framed.writeUInt16BE(packets[i].length, 0);
        packets[i].copy(framed, 2);
        socket.write(c === 4 ? packets[i] : framed);
      }
      socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    udp.close();
    expect(replies).toBeGreaterThan(100);
    const still = dnsPacket.decode(await udpExchange(server.port, query('example.jp', 'MX', { do: true })));
    expect(still.answers!.map((a) => a.type)).toEqual(['MX', 'RRSIG']);
  });
});
