// The relay on real loopback sockets: every byte through unchanged, every byte in the trace.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import type { LinkInterceptor } from '../../../engine/network/link-interceptor.ts';
import { LabNetwork } from '../../../engine/network/lab-network.ts';
import { FlowIdAllocator } from '../../../engine/trace/flow-ids.ts';
import { TraceStore } from '../../../engine/trace/trace-store.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function target(onSocket: (s: net.Socket) => void): Promise<{ port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.push(s);
    s.on('error', () => {});
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

async function network(targetPort: number, interceptor?: LinkInterceptor) {
  const trace = new TraceStore();
  const net_ = new LabNetwork(trace, new FlowIdAllocator());
  cleanups.push(() => net_.close());
  const link = await net_.addLink({ from: 'terminal', to: 'mx.example.jp', port: 25, targetPort, interceptor });
  return { trace, network: net_, link };
}

function dial(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => resolve(s));
    s.once('error', reject);
  });
}

const collect = (s: net.Socket) =>
  new Promise<Buffer>((resolve) => {
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('end', () => resolve(Buffer.concat(parts)));
  });

async function until(trace: TraceStore, match: (e: TraceEvent) => boolean, timeoutMs = 3000): Promise<TraceEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = trace.all().find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such event in ${trace.all().map((e) => e.summary).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('LabNetwork relay', () => {
  it('listens on 127.0.0.1 only, on a port picked free', async () => {
    const { port } = await target(() => {});
    const { network: n, link } = await network(port);
    expect(link.listenPort).toBeGreaterThan(0);
    expect(n.links()).toHaveLength(1);
    const s = await dial(link.listenPort);
    expect(s.remoteAddress).toBe('127.0.0.1');
    s.destroy();
  });

  it('relays 256 KiB of random octets each way unchanged and counts it in the trace', async () => {
    const { port } = await target((s) => s.pipe(s));
    const { trace, link } = await network(port);
    const payload = randomBytes(256 * 1024);
    const s = await dial(link.listenPort);
    const echoed = collect(s);
    s.end(payload);
    expect(sha(await echoed)).toBe(sha(payload));
    const closed = await until(trace, (e) => e.detail?.kind === 'closed');
    expect(closed.detail?.octets).toEqual({ c2s: payload.length, s2c: payload.length });
    const kinds = trace.all().filter((e) => e.layer === 'tcp').map((e) => `${e.dir} ${e.detail?.kind}`);
    expect(kinds).toEqual(['c2s open', 'c2s fin', 's2c fin', 'none closed']);
  });

  it('relays a half-close: the server still answers after the client finished sending', async () => {
    const { port } = await target((s) => {
      const got: Buffer[] = [];
      s.on('data', (d: Buffer) => got.push(d));
      s.on('end', () => s.end(`you said ${Buffer.concat(got).toString()}`));
    });
    const { trace, link } = await network(port);
    const s = await dial(link.listenPort);
    const answer = collect(s);
    s.end('hello');
    expect((await answer).toString()).toBe('you said hello');
    const fins = trace.all().filter((e) => e.detail?.kind === 'fin');
    // The terminal is named as the trace column names it.
    expect(fins.map((e) => e.summary)).toEqual(['FIN from your terminal (no more data this way)', 'FIN from mx.example.jp (no more data this way)']);
  });

  it('shows a reset and passes it on', async () => {
    let upstreamClosed!: () => void;
    const upstreamGone = new Promise<void>((r) => (upstreamClosed = r));
    const { port } = await target((s) => s.on('close', () => upstreamClosed()));
    const { trace, link } = await network(port);
    const s = await dial(link.listenPort);
    await new Promise((r) => setTimeout(r, 50));
    s.resetAndDestroy();
    await upstreamGone;
    const rst = await until(trace, (e) => e.detail?.kind === 'reset');
    expect(rst.summary).toMatch(/^RST from your terminal/);
    expect((await until(trace, (e) => e.detail?.kind === 'closed')).detail?.reset).toBe(true);
  });

  it('reports a target that refuses the connection and closes the client', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const freePort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const { trace, link } = await network(freePort);
    const s = await dial(link.listenPort);
    s.on('error', () => {});
    s.resume();
    await new Promise<void>((r) => s.on('close', () => r()));
    const refused = await until(trace, (e) => e.detail?.kind === 'refused');
    expect(refused.summary).toMatch(/failed \(ECONNREFUSED\)/);
    expect((await until(trace, (e) => e.detail?.kind === 'closed')).flow).toBe(refused.flow);
  });

  it('decodes SMTP both ways on the same flow', async () => {
    const { port } = await target((s) => {
      s.write('220 mx.example.jp ESMTP\r\n');
      s.on('data', (d: Buffer) => {
        if (d.toString().startsWith('QUIT')) s.end('221 Bye\r\n');
      });
    });
    const { trace, link } = await network(port);
    const s = await dial(link.listenPort);
    await new Promise((r) => s.once('data', r));
    s.write('QUIT\r\n');
    await new Promise<void>((r) => s.on('end', () => r()));
    s.end();
    await until(trace, (e) => e.detail?.kind === 'closed');
    const smtp = trace.all().filter((e) => e.layer === 'smtp');
    expect(smtp.map((e) => `${e.flow} ${e.dir} ${e.summary}`)).toEqual(['f1 s2c 220 mx.example.jp ESMTP', 'f1 c2s QUIT', 'f1 s2c 221 Bye']);
    expect(smtp[0].link).toEqual({ from: 'terminal', to: 'mx.example.jp', port: 25 });
  });

  it('maps the relay\'s outbound port to the flow, for the receiver', async () => {
    const seen: number[] = [];
    const { port } = await target((s) => seen.push(s.remotePort!));
    const { network: n, link } = await network(port);
    const a = await dial(link.listenPort);
    const b = await dial(link.listenPort);
    const deadline = Date.now() + 2000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(seen.map((p) => n.flowOfUpstreamPort(p)?.flow).sort()).toEqual(['f1', 'f2']);
    a.destroy();
    b.destroy();
  });
});

describe('LabNetwork interceptor seam', () => {
  it('delivers what the interceptor returns, and the trace decodes what was delivered', async () => {
    const { port } = await target((s) => s.write('250-mx.example.jp\r\n250-STARTTLS\r\n250 SIZE 100\r\n'));
    const strip: LinkInterceptor = {
      onChunk: (dir, chunk) => (dir === 's2c' ? Buffer.from(chunk.toString('latin1').replace('250-STARTTLS', '250-XXXXXXXA'), 'latin1') : chunk),
    };
    const { trace, link } = await network(port, strip);
    const s = await dial(link.listenPort);
    const got = await new Promise<string>((r) => s.once('data', (d: Buffer) => r(d.toString())));
    expect(got).toContain('250-XXXXXXXA');
    expect(got).not.toContain('STARTTLS');
    const reply = await until(trace, (e) => e.layer === 'smtp' && e.dir === 's2c');
    expect(reply.detail?.lines).toEqual(['mx.example.jp', 'XXXXXXXA', 'SIZE 100']);
    s.destroy();
  });

  it('drops a chunk when the interceptor returns null', async () => {
    const received: string[] = [];
    const { port } = await target((s) => s.on('data', (d: Buffer) => received.push(d.toString())));
    const { link } = await network(port, { onChunk: (dir, chunk) => (chunk.toString().includes('DROP') ? null : chunk) });
    const s = await dial(link.listenPort);
    s.write('DROP me\r\n');
    await new Promise((r) => setTimeout(r, 30));
    s.write('NOOP\r\n');
    const deadline = Date.now() + 2000;
    while (received.join('') !== 'NOOP\r\n' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(received.join('')).toBe('NOOP\r\n');
    s.destroy();
  });

  it('lets an interceptor take both sockets over and still record into the trace', async () => {
    const { port } = await target(() => {});
    const takeOver: LinkInterceptor = {
      takeOver(conn) {
        const banner = Buffer.from('220 attacker.example ESMTP\r\n');
        conn.record('s2c', banner);
        conn.client.write(banner);
        conn.upstream.destroy();
        conn.client.end();
        return true;
      },
    };
    const { trace, link } = await network(port, takeOver);
    const s = await dial(link.listenPort);
    const got = await collect(s);
    expect(got.toString()).toBe('220 attacker.example ESMTP\r\n');
    expect((await until(trace, (e) => e.layer === 'smtp')).summary).toBe('220 attacker.example ESMTP');
    s.destroy();
  });

  it('setInterceptor changes the link for new connections', async () => {
    const { port } = await target((s) => s.write('220 hi\r\n'));
    const { link } = await network(port);
    link.setInterceptor({ onChunk: () => Buffer.from('220 changed\r\n') });
    const s = await dial(link.listenPort);
    expect(await new Promise<string>((r) => s.once('data', (d: Buffer) => r(d.toString())))).toBe('220 changed\r\n');
    s.destroy();
  });
});

describe('LabNetwork close', () => {
  it('closes active connections and stops listening', async () => {
    const { port } = await target(() => {});
    const { network: n, link } = await network(port);
    const s = await dial(link.listenPort);
    // allowHalfOpen: the relay's FIN shows as 'end' (or a reset as 'close').
    const closed = new Promise<void>((r) => {
      s.on('end', () => r());
      s.on('close', () => r());
    });
    s.on('error', () => {});
    s.resume();
    await new Promise((r) => setTimeout(r, 30));
    await n.close();
    await closed;
    await expect(dial(link.listenPort)).rejects.toThrow(/ECONNREFUSED/);
  });
});
