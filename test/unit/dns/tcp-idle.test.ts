// Issue 18: idle DNS-over-TCP connections must not block new queries. At the connection bound the
// longest-idle connection makes room (RFC 7766 §6.2.3), on the authoritative server and on the
// terminal's DNS link alike.
import { connect, type Socket } from 'node:net';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabDns, type LabDns } from '../../../engine/dns/lab/lab-dns.ts';
import { tcpExchange } from '../../../engine/dns/resolver/exchange.ts';
import { encodeQuery } from '../../../engine/dns/resolver/query-wire.ts';
import { TcpSlots } from '../../../engine/dns/server/tcp-slots.ts';
import { startDnsLink, type DnsLink } from '../../../engine/network/dns-link.ts';
import { TLSA, tempDataDir } from './lab-zones.ts';

const IDLE = 100;

function idleConnections(port: number, count: number): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: count }, () => new Promise<Socket>((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
      socket.on('error', () => {});
      socket.once('error', reject);
    })),
  );
}

const mxOf = (reply: Buffer) => (dnsPacket.decode(reply).answers ?? []).filter((a) => a.type === 'MX').map((a) => (a.data as { exchange: string }).exchange);

describe('DNS over TCP with every slot held by idle connections', () => {
  let dns: LabDns;
  let link: DnsLink;
  const held: Socket[] = [];

  beforeAll(async () => {
    dns = await startLabDns({ dataDir: tempDataDir(), pkiTlsa: TLSA });
    link = await startDnsLink({ from: 'terminal', to: 'ns.example.jp', port: 53, targetPort: dns.port, forgers: () => dns.forgers.forClient('terminal') }, { emit: () => {}, flowId: () => 'f1' });
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await link?.close();
    await dns?.close();
  });

  for (const target of ['server', 'link'] as const) {
    it(`the ${target} answers a new TCP query at once`, async () => {
      const port = target === 'server' ? dns.port : link.listenPort;
      held.push(...(await idleConnections(port, IDLE)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      expect(mxOf(await tcpExchange(port, encodeQuery('example.jp', 'MX').bytes, 2000))).toEqual(['mx.example.jp']);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  }
});

describe('TcpSlots', () => {
  const socket = (name: string) => ({ name, destroyed: false, destroy() { this.destroyed = true; } });

  it('closes the longest-idle connection at the bound, never a busy one, and refuses when all are busy', () => {
    let now = 0;
    const slots = new TcpSlots<ReturnType<typeof socket>>(2, () => now);
    const a = socket('a');
    const b = socket('b');
    let aBusy = true;
    expect(slots.admit(a, () => aBusy)).toBe(true);
    now = 1;
    expect(slots.admit(b, () => false)).toBe(true);
    now = 2;
    const c = socket('c');
    // a is older but busy: b goes.
    expect(slots.admit(c, () => true)).toBe(true);
    expect([a.destroyed, b.destroyed]).toEqual([false, true]);
    expect(slots.admit(socket('d'), () => false)).toBe(false);
    aBusy = false;
    expect(slots.admit(socket('e'), () => false)).toBe(true);
    expect(a.destroyed).toBe(true);
  });
});
