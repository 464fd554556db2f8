// The sender's fallback retry through withFallbackScsv against Node's TLS server on 127.0.0.1
// (RFC 7507 §3: a server supporting a higher version refuses with inappropriate_fallback).
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFallbackScsv, type FallbackScsvSocket } from '../../../../engine/nodes/sender/scsv-socket.ts';
import { loadLabPki, type LabPki } from '../../../../engine/pki/lab-pki.ts';
import { parseClientHello } from '../../../../engine/protocol/tls-hello.ts';
import { TlsRecordReader } from '../../../../engine/protocol/tls-records.ts';

const LOOPBACK = '127.0.0.1';
const HOST = 'mx.example.jp';
// RFC 8996 deprecates TLS 1.0/1.1; OpenSSL 3 needs security level 0 to speak them at all.
const LEGACY = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;

let dataDir: string;
let pki: LabPki;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-scsv-'));
  pki = await loadLabPki(dataDir);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return (server.address() as net.AddressInfo).port;
}

async function dial(port: number): Promise<net.Socket> {
  const tcp = net.connect({ host: LOOPBACK, port });
  tcp.setNoDelay(true);
  await new Promise((resolve) => tcp.once('connect', resolve));
  return tcp;
}

interface Attempt {
  client: { ok: true; version: string | null } | { ok: false; code: string; message: string };
  serverErrors: string[];
  scsv?: FallbackScsvSocket['scsv'];
}

/** One TLS attempt from a client limited by clientOptions, with or without the SCSV rewrite. */
async function attempt(serverOptions: tls.TlsOptions, clientOptions: tls.ConnectionOptions, scsv: boolean): Promise<Attempt> {
  const leaf = await pki.leaf(HOST);
  const serverErrors: string[] = [];
  const server = tls.createServer({ cert: leaf.certPem, key: leaf.keyPem, ...serverOptions }, (socket) => socket.end());
  server.on('tlsClientError', (err: NodeJS.ErrnoException) => serverErrors.push(err.code ?? err.message));
  const port = await listen(server);
  try {
    const tcp = await dial(port);
    const wrapped = scsv ? withFallbackScsv(tcp) : undefined;
    const client = await new Promise<Attempt['client']>((resolve) => {
      const socket = tls.connect({ socket: wrapped ?? tcp, servername: HOST, ca: pki.caCertPem, ...clientOptions }, () => {
        resolve({ ok: true, version: socket.getProtocol() });
        socket.destroy();
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, code: err.code ?? '', message: err.message }));
    });
    // The server's side of a failed handshake is reported a moment after the client's.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { client, serverErrors, scsv: wrapped?.scsv };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('TLS_FALLBACK_SCSV on the retry (RFC 7507)', () => {
  it('a TLS 1.2 retry with the SCSV to a TLS 1.3 server is refused with inappropriate_fallback (86)', async () => {
    const result = await attempt({ maxVersion: 'TLSv1.3' }, { maxVersion: 'TLSv1.2' }, true);
    expect(result.scsv).toBe('added');
    expect(result.client).toMatchObject({ ok: false, code: 'ERR_SSL_TLSV1_ALERT_INAPPROPRIATE_FALLBACK' });
    expect(result.client.ok === false && result.client.message).toMatch(/tlsv1 alert inappropriate fallback.*SSL alert number 86/);
    expect(result.serverErrors).toEqual(['ERR_SSL_INAPPROPRIATE_FALLBACK']);
  });

  it('the same retry without the SCSV connects at TLS 1.2: the downgrade goes unnoticed', async () => {
    const result = await attempt({ maxVersion: 'TLSv1.3' }, { maxVersion: 'TLSv1.2' }, false);
    expect(result.client).toEqual({ ok: true, version: 'TLSv1.2' });
    expect(result.serverErrors).toEqual([]);
  });

  it('a TLS 1.1 retry with the SCSV is refused too; without it the server accepts TLS 1.1', async () => {
    const withScsv = await attempt(LEGACY, { ...LEGACY, maxVersion: 'TLSv1.1' }, true);
    expect(withScsv.client).toMatchObject({ ok: false, code: 'ERR_SSL_TLSV1_ALERT_INAPPROPRIATE_FALLBACK' });
    const without = await attempt(LEGACY, { ...LEGACY, maxVersion: 'TLSv1.1' }, false);
    expect(without.client).toEqual({ ok: true, version: 'TLSv1.1' });
  });

  it('a server that genuinely tops out at the retry version accepts the SCSV, then the handshake breaks at Finished', async () => {
    // The client hashed the hello it built, the server the rewritten one: their keys differ
    // (RFC 7627 §4, RFC 5246 §7.4.9), so the server cannot read the client's Finished.
    const result = await attempt({ maxVersion: 'TLSv1.2' }, { maxVersion: 'TLSv1.2' }, true);
    expect(result.scsv).toBe('added');
    expect(result.client).toMatchObject({ ok: false, code: 'ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC' });
    expect(result.client.ok === false && result.client.message).toMatch(/SSL alert number 20/);
    expect(result.serverErrors).toHaveLength(1);
    expect(result.serverErrors).not.toContain('ERR_SSL_INAPPROPRIATE_FALLBACK');
  });

  it('works after a plaintext STARTTLS exchange on the same socket (RFC 3207 §4)', async () => {
    const leaf = await pki.leaf(HOST);
    const serverErrors: string[] = [];
    const server = net.createServer((socket) => {
      socket.write('220 mx.example.jp ESMTP\r\n');
      socket.once('data', () => {
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        const secure = new tls.TLSSocket(socket, { isServer: true, cert: leaf.certPem, key: leaf.keyPem });
        secure.on('error', (err: NodeJS.ErrnoException) => serverErrors.push(err.code ?? err.message));
      });
    });
    const port = await listen(server);
    try {
      const tcp = await dial(port);
      const replies: string[] = [];
      const onReply = (chunk: Buffer) => {
        replies.push(chunk.toString());
        if (replies.length === 1) tcp.write('STARTTLS\r\n');
      };
      tcp.on('data', onReply);
      await new Promise<void>((resolve) => {
        const check = () => (replies.length === 2 ? resolve() : setTimeout(check, 2));
        check();
      });
      tcp.off('data', onReply);
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        const socket = tls.connect({ socket: withFallbackScsv(tcp), servername: HOST, ca: pki.caCertPem, maxVersion: 'TLSv1.2' });
        socket.on('error', resolve);
        socket.on('secureConnect', () => resolve(new Error('handshake completed')));
      });
      expect(error.code).toBe('ERR_SSL_TLSV1_ALERT_INAPPROPRIATE_FALLBACK');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(serverErrors).toEqual(['ERR_SSL_INAPPROPRIATE_FALLBACK']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('withFallbackScsv moves bytes', () => {
  /** A peer that records what arrives and sends back whatever the test asks it to. */
  async function recorder() {
    const received: Buffer[] = [];
    let peer: net.Socket | undefined;
    const server = net.createServer((socket) => {
      peer = socket;
      socket.on('data', (chunk: Buffer) => received.push(chunk));
    });
    const port = await listen(server);
    const tcp = await dial(port);
    while (!peer) await new Promise((resolve) => setTimeout(resolve, 2));
    const bytesIn = async (n: number) => {
      while (Buffer.concat(received).length < n) await new Promise((resolve) => setTimeout(resolve, 2));
      return Buffer.concat(received);
    };
    return { tcp, peer: peer!, bytesIn, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  /** A real ClientHello from Node, the first record its client writes. */
  async function nodeHello(): Promise<Buffer> {
    const { tcp, bytesIn, close, peer } = await recorder();
    const socket = tls.connect({ socket: tcp, servername: HOST, maxVersion: 'TLSv1.2' });
    socket.on('error', () => {});
    const first = await bytesIn(5);
    const hello = await bytesIn(5 + first.readUInt16BE(3));
    socket.destroy();
    peer.destroy();
    await close();
    return hello.subarray(0, 5 + first.readUInt16BE(3));
  }

  it('rewrites a ClientHello written one octet at a time, once, and passes what follows unchanged', async () => {
    const hello = await nodeHello();
    const { tcp, bytesIn, close, peer } = await recorder();
    const wrapped = withFallbackScsv(tcp);
    const after = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00]); // close_notify
    for (const octet of hello) wrapped.write(Buffer.from([octet]));
    expect(wrapped.scsv).toBe('added');
    wrapped.write(hello); // a second hello is not touched
    wrapped.write(after);
    const wire = await bytesIn(hello.length + 2 + hello.length + after.length);
    const { records } = new TlsRecordReader().push(wire);
    expect(records).toHaveLength(3);
    expect(parseClientHello(records[0].fragment.subarray(4)).fallbackScsv).toBe(true);
    expect(records[1].raw).toEqual(hello);
    expect(records[2].raw).toEqual(after);
    peer.destroy();
    await close();
  });

  it('passes bytes that are not TLS through untouched, and reads what the peer sends until it closes', async () => {
    const { tcp, bytesIn, close, peer } = await recorder();
    const wrapped = withFallbackScsv(tcp);
    wrapped.write('EHLO mail.sender.example\r\n');
    expect((await bytesIn(26)).toString()).toBe('EHLO mail.sender.example\r\n');
    expect(wrapped.scsv).toBe('not-a-client-hello');
    const read: Buffer[] = [];
    wrapped.on('data', (chunk: Buffer) => read.push(chunk));
    const ended = new Promise((resolve) => wrapped.once('end', resolve));
    peer.end('250 mx.example.jp\r\n');
    await ended;
    expect(Buffer.concat(read).toString()).toBe('250 mx.example.jp\r\n');
    wrapped.end();
    await close();
  });
});
