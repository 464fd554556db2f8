// A DNS link relays each message, over UDP or TCP as it came, to the lab server: unchanged and
// traced with no forger on the path, forged (or dropped) when the attacker puts one there.
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { startLabDns, type LabDns } from '../../../engine/dns/lab/lab-dns.ts';
import type { DnsTraceInput } from '../../../engine/dns/resolver/dns-trace.ts';
import { tcpExchange, udpExchange } from '../../../engine/dns/resolver/exchange.ts';
import { answerForger, dropForger } from '../../../engine/dns/resolver/forger.ts';
import { encodeQuery } from '../../../engine/dns/resolver/query-wire.ts';
import { startDnsLink, type DnsLink } from '../../../engine/network/dns-link.ts';
import { TLSA, tempDataDir } from '../dns/lab-zones.ts';

const impostorMx = answerForger('example.jp', 'MX', [{ name: 'example.jp', type: 'MX', ttl: 300, class: 'IN', data: { preference: 10, exchange: 'mail.attacker.example' } }], 'MX to impostor');

function mxOf(reply: Buffer): string[] {
  return (dnsPacket.decode(reply).answers ?? []).flatMap((rr) => (rr.type === 'MX' ? [rr.data.exchange] : []));
}

/** Two queries written at once on one connection, then a half-close: both replies still come back. */
function pipelined(port: number, queries: Buffer[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error('no replies within 3 s')), 3000);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        replies.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(replies);
    });
    socket.end(Buffer.concat(queries.map((q) => Buffer.concat([Buffer.from([q.length >> 8, q.length & 0xff]), q]))));
  });
}

describe('DNS link terminal → ns.example.jp:53', () => {
  let dns: LabDns;
  let link: DnsLink;
  let events: DnsTraceInput[];
  let flows = 0;

  beforeAll(async () => {
    dns = await startLabDns({ dataDir: tempDataDir(), pkiTlsa: TLSA });
    link = await startDnsLink(
      { from: 'terminal', to: 'ns.example.jp', port: 53, targetPort: dns.port, forgers: () => dns.forgers.forClient('terminal') },
      { emit: (event) => events.push(event), flowId: () => `f${++flows}` },
    );
  });
  afterAll(async () => {
    await link?.close();
    await dns?.close();
  });
  beforeEach(() => {
    events = [];
    dns.forgers.clear();
  });

  it('listens on its own port and passes UDP and TCP answers unchanged, each message traced on the link', async () => {
    expect(link.listenPort).not.toBe(dns.port);
    expect(mxOf(await udpExchange(link.listenPort, encodeQuery('example.jp', 'MX').bytes))).toEqual(['mx.example.jp']);
    expect(mxOf(await tcpExchange(link.listenPort, encodeQuery('example.jp', 'MX').bytes))).toEqual(['mx.example.jp']);
    const link53 = { from: 'terminal', to: 'ns.example.jp', port: 53 };
    expect(events.map((e) => [e.layer, e.dir, e.summary, e.detail?.transport])).toEqual([
      ['dns', 'c2s', 'example.jp MX ?', 'udp'],
      ['dns', 's2c', 'example.jp MX -> 10 mx.example.jp (1 RRSIG)', 'udp'],
      ['dns', 'c2s', 'example.jp MX ?', 'tcp'],
      ['dns', 's2c', 'example.jp MX -> 10 mx.example.jp (1 RRSIG)', 'tcp'],
    ]);
    expect(events.every((e) => JSON.stringify(e.link) === JSON.stringify(link53))).toBe(true);
  });

  it('a forger on the terminal\'s path changes the reply on both transports, as an attack row', async () => {
    dns.forgers.add(impostorMx);
    expect(mxOf(await udpExchange(link.listenPort, encodeQuery('example.jp', 'MX').bytes))).toEqual(['mail.attacker.example']);
    expect(mxOf(await tcpExchange(link.listenPort, encodeQuery('example.jp', 'MX').bytes))).toEqual(['mail.attacker.example']);
    const forged = events.filter((e): e is DnsTraceInput & TraceEvent => e.layer === 'attack');
    expect(forged).toHaveLength(2);
    expect(forged[0]).toMatchObject({ dir: 's2c', rule: 'RFC 4033 §3', detail: { attack: 'dns-spoof', action: 'forge' }, link: { from: 'terminal', port: 53 } });
    // The trace shows what was delivered, which is what dig acts on.
    expect(events.find((e) => e.layer === 'dns' && e.dir === 's2c')?.summary).toBe('example.jp MX -> 10 mail.attacker.example (1 RRSIG)');
  });

  it('leaves the terminal alone when the forger sits on another node\'s path only', async () => {
    dns.forgers.add(impostorMx, ['mail.sender.example']);
    expect(mxOf(await udpExchange(link.listenPort, encodeQuery('example.jp', 'MX').bytes))).toEqual(['mx.example.jp']);
    expect(events.some((e) => e.layer === 'attack')).toBe(false);
  });

  it('a dropped reply never reaches the client; the trace says why', async () => {
    dns.forgers.add(dropForger('_mta-sts.example.jp', 'TXT'));
    await expect(udpExchange(link.listenPort, encodeQuery('_mta-sts.example.jp', 'TXT').bytes, 300)).rejects.toThrow(/no answer over UDP/);
    expect(events.map((e) => e.detail?.kind ?? e.layer)).toEqual(['query', 'attack', 'no-reply']);
  });

  it('answers every pipelined TCP query even after the client half-closes', async () => {
    const replies = await pipelined(link.listenPort, [encodeQuery('example.jp', 'MX').bytes, encodeQuery('mx.example.jp', 'A').bytes]);
    expect(replies.map((r) => dnsPacket.decode(r).questions?.[0].name).sort()).toEqual(['example.jp', 'mx.example.jp']);
  });
});
