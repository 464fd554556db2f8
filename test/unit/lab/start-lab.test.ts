import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { udpExchange } from '../../../engine/dns/resolver/exchange.ts';
import { encodeQuery } from '../../../engine/dns/resolver/query-wire.ts';
import { hostTable, startLab, type StartedLab } from '../../../engine/lab/start-lab.ts';
import { WireClient } from '../nodes/wire-client.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-start-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** Listening TCP sockets of this machine from /proc/net/tcp{,6}: "addr:port" in hex. */
function listeningSockets(): { address: string; port: number }[] {
  const out: { address: string; port: number }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue;
      const [address, port] = cols[1].split(':');
      out.push({ address, port: parseInt(port, 16) });
    }
  }
  return out;
}

describe('startLab', () => {
  let lab: StartedLab;

  beforeAll(async () => {
    lab = await startLab({ dataDir });
  });

  afterAll(async () => {
    await lab.close();
  });

  it('lists the terminal, mx.example.jp, ns.example.jp, the sender, the policy host and the checker with lab addresses and loopback ports', () => {
    const hosts = lab.hosts();
    expect(hosts).toEqual([
      { name: 'terminal', address: '192.0.2.10', role: 'terminal', ports: {} },
      { name: 'mx.example.jp', address: '192.0.2.25', role: 'receiver', ports: { '25': expect.any(Number), '587': expect.any(Number) }, accounts: [{ user: 'alice', password: 'alice-password', port: 587 }, { user: 'bob', password: 'bob-password', port: 587 }] },
      { name: 'ns.example.jp', address: '192.0.2.53', role: 'dns', ports: { '53': expect.any(Number) } },
      { name: 'mail.sender.example', address: '198.51.100.25', role: 'sender', ports: {} },
      { name: 'mta-sts.example.jp', address: '192.0.2.80', role: 'policy-host', ports: { '443': expect.any(Number) } },
      { name: 'tlsrpt.example.jp', address: '192.0.2.81', role: 'report-collector', ports: { '443': expect.any(Number) } },
      { name: 'checker.example', address: '198.51.100.77', role: 'checker', ports: {} },
      { name: 'mail.attacker.example', address: '203.0.113.66', role: 'attacker', ports: {} },
    ]);
    expect(hostTable(hosts)).toEqual({
      terminal: { address: '192.0.2.10', role: 'terminal', ports: {} },
      'mx.example.jp': { address: '192.0.2.25', role: 'receiver', ports: hosts[1].ports, accounts: [{ user: 'alice', password: 'alice-password', port: 587 }, { user: 'bob', password: 'bob-password', port: 587 }] },
      'ns.example.jp': { address: '192.0.2.53', role: 'dns', ports: hosts[2].ports },
      'mail.sender.example': { address: '198.51.100.25', role: 'sender', ports: {} },
      'mta-sts.example.jp': { address: '192.0.2.80', role: 'policy-host', ports: hosts[4].ports },
      'tlsrpt.example.jp': { address: '192.0.2.81', role: 'report-collector', ports: hosts[5].ports },
      'checker.example': { address: '198.51.100.77', role: 'checker', ports: {} },
      'mail.attacker.example': { address: '203.0.113.66', role: 'attacker', ports: {} },
    });
  });

  it('hands out copies of the host list', () => {
    lab.hosts()[1].ports['25'] = 1;
    expect(lab.hosts()[1].ports['25']).not.toBe(1);
  });

  it('answers as mx.example.jp on both lab ports, through the network', async () => {
    for (const port of Object.values(lab.hosts()[1].ports)) {
      const c = await WireClient.connect(port);
      expect(await c.reply()).toMatch(/^220 mx\.example\.jp ESMTP/);
      c.destroy();
    }
    const opens = lab.trace.all().filter((e) => e.layer === 'tcp' && e.detail?.kind === 'open');
    expect(opens.map((e) => e.link)).toEqual([
      { from: 'terminal', to: 'mx.example.jp', port: 25 },
      { from: 'terminal', to: 'mx.example.jp', port: 587 },
    ]);
  });

  it('shows the terminal\'s link as ns.example.jp:53, not the server itself: a query there is traced on that link', async () => {
    const port = hostTable(lab.hosts())['ns.example.jp'].ports['53'];
    expect(port).not.toBe(lab.dns.port);
    expect(lab.hosts()[2].ports['53']).toBe(port);
    const reply = await udpExchange(port, encodeQuery('mx.example.jp', 'A').bytes);
    const addresses = (dnsPacket.decode(reply).answers ?? []).flatMap((rr) => (rr.type === 'A' ? [rr.data] : []));
    expect(addresses).toEqual(['192.0.2.25']);
    const rows = lab.trace.all().filter((e) => e.layer === 'dns' && e.detail?.transport === 'udp' && e.detail?.name === 'mx.example.jp');
    expect(rows.map((e) => [e.dir, e.link])).toEqual([
      ['c2s', { from: 'terminal', to: 'ns.example.jp', port: 53 }],
      ['s2c', { from: 'terminal', to: 'ns.example.jp', port: 53 }],
    ]);
  });

  it('keeps the CA where the lab tools look for it', () => {
    expect(lab.caPath).toBe(join(dataDir, 'pki', 'ca.pem'));
    expect(readFileSync(lab.caPath, 'utf8')).toBe(lab.caCertPem);
    expect(lab.dataDir).toBe(dataDir);
  });

  it.runIf(existsSync('/proc/net/tcp'))('listens on 127.0.0.1 only', () => {
    const ours = new Set([...Object.values(lab.hosts()[1].ports), ...Object.values(lab.hosts()[2].ports), ...Object.values(lab.receiver.ports), lab.dns.port]);
    const sockets = listeningSockets().filter((s) => ours.has(s.port));
    expect(sockets.length).toBe(ours.size);
    for (const s of sockets) expect(s.address).toBe('0100007F');
  });

  it('serves the lab DNS: a validated TLSA of the mx certificate, and the lookup in the trace', async () => {
    const reply = await lab.dnsService!.query('_25._tcp.mx.example.jp', 'TLSA', { validate: true });
    expect(reply.answer).toMatchObject({ status: 'secure', rcode: 'NOERROR', validating: true });
    expect(reply.answer.answers[0]).toMatch(/^3 1 1 [0-9a-f]{64}$/i);
    expect(reply.answer.chain.map((link) => link.zone)).toEqual(['.', 'jp', 'example.jp']);
    const verdict = lab.trace.all().find((e) => e.layer === 'dns' && e.dir === 'none' && e.detail?.name === '_25._tcp.mx.example.jp');
    expect(verdict).toMatchObject({ link: { from: 'terminal', to: 'ns.example.jp', port: 53 }, detail: { status: 'secure' } });
  });

  it('starts warm in well under 300 ms, and a second lab runs beside the first', async () => {
    const started = performance.now();
    const second = await startLab({ dataDir });
    const took = performance.now() - started;
    try {
      expect(took).toBeLessThan(300);
      expect(second.caCertPem).toBe(lab.caCertPem);
      expect(second.hosts()[1].ports['25']).not.toBe(lab.hosts()[1].ports['25']);
      const c = await WireClient.connect(second.hosts()[1].ports['25']);
      expect(await c.reply()).toMatch(/^220/);
      c.destroy();
    } finally {
      await second.close();
    }
  });
});

describe('startLab close', () => {
  it('closes every listener and open connection', async () => {
    const lab = await startLab({ dataDir });
    const ports = [...Object.values(lab.hosts()[1].ports), ...Object.values(lab.hosts()[2].ports), ...Object.values(lab.receiver.ports), lab.dns.port];
    const c = await WireClient.connect(lab.hosts()[1].ports['25']);
    await c.reply();
    await lab.close();
    await c.closed();
    for (const port of ports) expect(await canConnect(port)).toBe(false);
    await lab.close();
  });
});
