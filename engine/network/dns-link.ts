// A DNS link: a node reaching ns.example.jp:53 dials one loopback port (UDP and TCP) that relays
// each DNS message to the lab server, as the SMTP links relay each byte to mx.example.jp. It is
// where an on-path attacker forges answers for real tools such as dig and delv (RFC 4033 §3).

import type { Socket } from 'node:net';
import { TcpSlots } from '../dns/server/tcp-slots.ts';
import { openDnsSockets } from '../dns/server/dns-server.ts';
import type { DnsEmit } from '../dns/resolver/dns-trace.ts';
import type { DnsForger } from '../dns/resolver/forger.ts';
import { relayDnsMessage, type DnsRelayOptions } from './dns-relay.ts';

export interface DnsLinkSpec {
  /** Node id of the asking side, e.g. "terminal". */
  from: string;
  /** Lab hostname of the server, e.g. "ns.example.jp". */
  to: string;
  /** Lab port, 53. */
  port: number;
  /** Loopback port of the lab DNS server. */
  targetPort: number;
  /** The forgers on this node's path now (the lab DNS's seam); none: a pass-through. */
  forgers(): DnsForger[];
}

export interface DnsLink {
  readonly spec: DnsLinkSpec;
  /** Loopback port, UDP and TCP, that `from` dials to reach `to:port`. */
  readonly listenPort: number;
  close(): Promise<void>;
}

const TCP_IDLE_MS = 10_000;
const MAX_TCP_CONNECTIONS = 64;
const MAX_UDP_IN_FLIGHT = 256;
const MAX_TCP_IN_FLIGHT = 16;

function framed(message: Buffer): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length, 0);
  return Buffer.concat([prefix, message]);
}

/** RFC 1035 §4.2.2: two-octet length, then the message; several may be pipelined (RFC 7766 §6.2.1). */
function relayTcpConnection(socket: Socket, relay: (query: Buffer) => Promise<Buffer | null>, touch: () => void): () => boolean {
  socket.setNoDelay(true);
  socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  let pending = Buffer.alloc(0);
  let inFlight = 0;
  let ended = false;
  const next = () => {
    while (pending.length >= 2 && inFlight < MAX_TCP_IN_FLIGHT) {
      const length = pending.readUInt16BE(0);
      if (pending.length < 2 + length) break;
      const query = Buffer.from(pending.subarray(2, 2 + length));
      pending = pending.subarray(2 + length);
      inFlight++;
      // RFC 7766 §7: replies may leave in any order; the client matches them by message id.
      void relay(query).then((reply) => {
        inFlight--;
        if (reply && !socket.destroyed) socket.write(framed(reply));
        next();
      });
    }
    if (inFlight >= MAX_TCP_IN_FLIGHT) socket.pause();
    else socket.resume();
    // The client may half-close after its queries; its replies still go back before our FIN.
    if (ended && inFlight === 0 && !socket.destroyed) socket.end();
  };
  socket.on('data', (chunk: Buffer) => {
    touch();
    pending = Buffer.concat([pending, chunk]);
    next();
  });
  socket.on('end', () => {
    ended = true;
    next();
  });
  // Busy while a query is half read or its answer is on the way.
  return () => pending.length > 0 || inFlight > 0;
}

export async function startDnsLink(spec: DnsLinkSpec, deps: { emit: DnsEmit; flowId(): string }): Promise<DnsLink> {
  const { tcp, udp, port } = await openDnsSockets(0, { allowHalfOpen: true });
  const options: DnsRelayOptions = { link: { from: spec.from, to: spec.to, port: spec.port }, targetPort: spec.targetPort, forgers: spec.forgers, emit: deps.emit, flowId: deps.flowId };
  let closed = false;
  let udpInFlight = 0;
  udp.on('error', () => undefined);
  udp.on('message', (query, remote) => {
    // Beyond the bound the query is dropped, as a busy server would; the client retries.
    if (udpInFlight >= MAX_UDP_IN_FLIGHT) return;
    udpInFlight++;
    void relayDnsMessage(query, 'udp', options).then((reply) => {
      udpInFlight--;
      if (reply && !closed) udp.send(reply, remote.port, remote.address);
    });
  });
  // At the bound, the longest-idle connection makes room for a new one (tcp-slots.ts).
  const connections = new TcpSlots<Socket>(MAX_TCP_CONNECTIONS);
  tcp.on('error', () => undefined);
  tcp.on('connection', (socket) => {
    let busy = () => false;
    if (closed || !connections.admit(socket, () => busy())) {
      socket.destroy();
      return;
    }
    socket.on('close', () => connections.release(socket));
    busy = relayTcpConnection(socket, (query) => relayDnsMessage(query, 'tcp', options), () => connections.touch(socket));
  });
  return {
    spec,
    listenPort: port,
    async close() {
      if (closed) return;
      closed = true;
      for (const socket of connections.all()) socket.destroy();
      await Promise.all([new Promise<void>((resolve) => tcp.close(() => resolve())), new Promise<void>((resolve) => udp.close(() => resolve()))]);
    },
  };
}
