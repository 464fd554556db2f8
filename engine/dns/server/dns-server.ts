// The lab's authoritative DNS server: UDP and TCP on 127.0.0.1, one free port for both,
// every reply computed by respond() from the zones current at that moment.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { PublishedZone } from '../zone/published-zone.ts';
import { respond, type Reply } from './respond.ts';
import { TcpSlots } from './tcp-slots.ts';

export const LOOPBACK = '127.0.0.1';
const TCP_IDLE_MS = 10_000;
const MAX_TCP_CONNECTIONS = 64;

export interface DnsServerOptions {
  zones(): PublishedZone[];
  /** 0 or absent: a free port. */
  port?: number;
  /** Every reply decision, for the trace or a log. */
  onReply?(reply: Reply, transport: 'udp' | 'tcp', query: Buffer): void;
}

export interface DnsServer {
  port: number;
  address: typeof LOOPBACK;
  close(): Promise<void>;
}

function listenTcp(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host: LOOPBACK }, () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}

function bindUdp(socket: UdpSocket, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    socket.once('error', onError);
    socket.bind({ port, address: LOOPBACK, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

/** Serves one connection; returns whether it is in the middle of a message (not idle). */
function serveTcpConnection(socket: Socket, handle: (packet: Buffer) => Buffer | null, touch: () => void): () => boolean {
  socket.setNoDelay(true);
  socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    touch();
    pending = Buffer.concat([pending, chunk]);
    // RFC 1035 §4.2.2 / RFC 7766 §8: two-octet length, then the message; several may follow.
    while (pending.length >= 2) {
      const length = pending.readUInt16BE(0);
      if (pending.length < 2 + length) break;
      const packet = pending.subarray(2, 2 + length);
      pending = pending.subarray(2 + length);
      const reply = handle(packet);
      if (!reply) continue;
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(reply.length, 0);
      if (!socket.destroyed) socket.write(Buffer.concat([prefix, reply]));
    }
  });
  return () => pending.length > 0;
}

/** A TCP listener and a UDP socket on the same loopback port (0: a free one), as DNS uses both (RFC 7766 §5). */
export async function openDnsSockets(port: number, tcpOptions: { allowHalfOpen?: boolean } = {}): Promise<{ tcp: Server; udp: UdpSocket; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    const tcp = createServer(tcpOptions);
    const udp = createSocket({ type: 'udp4' });
    try {
      const chosen = await listenTcp(tcp, port);
      await bindUdp(udp, chosen);
      return { tcp, udp, port: chosen };
    } catch (error) {
      lastError = error;
      tcp.close();
      udp.close();
      if (port !== 0) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('cannot open the DNS server sockets');
}

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const { tcp, udp, port } = await openDnsSockets(options.port ?? 0);
  const handle = (packet: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    const reply = respond(options.zones(), packet, transport);
    try {
      options.onReply?.(reply, transport, packet);
    } catch {
      // A failing observer must not take the server down.
    }
    return reply.bytes;
  };
  udp.on('error', () => undefined);
  udp.on('message', (packet, remote) => {
    const reply = handle(packet, 'udp');
    if (reply) udp.send(reply, remote.port, remote.address);
  });
  const connections = new TcpSlots<Socket>(MAX_TCP_CONNECTIONS);
  tcp.on('error', () => undefined);
  tcp.on('connection', (socket) => {
    let busy = () => false;
    if (!connections.admit(socket, () => busy())) {
      socket.destroy();
      return;
    }
    socket.on('close', () => connections.release(socket));
    busy = serveTcpConnection(socket, (packet) => handle(packet, 'tcp'), () => connections.touch(socket));
  });
  return {
    port,
    address: LOOPBACK,
    close: async () => {
      for (const socket of connections.all()) socket.destroy();
      await Promise.all([new Promise<void>((resolve) => tcp.close(() => resolve())), new Promise<void>((resolve) => udp.close(() => resolve()))]);
    },
  };
}
