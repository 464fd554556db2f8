// Sends one query to the lab server on 127.0.0.1 and returns the reply octets: UDP first,
// TCP when the reply is truncated (RFC 1035 §4.2.1, RFC 7766 §5).
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { text } from '../../../common/i18n/text.ts';
import { TextError } from '../../../common/i18n/text-error.ts';

export const LOOPBACK = '127.0.0.1';
const TIMEOUT_MS = 2000;

/** One query in, one reply out; rejects on timeout or a closed connection. */
export type DnsExchange = (query: Buffer) => Promise<Buffer>;

export function udpExchange(port: number, query: Buffer, timeoutMs = TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const id = query.readUInt16BE(0);
    const timer = setTimeout(() => finish(new TextError(text('dnsWire.noUdpAnswer', { port, ms: timeoutMs }))), timeoutMs);
    function finish(error: Error | null, reply?: Buffer) {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(reply!);
    }
    socket.on('error', (error) => finish(error));
    socket.on('message', (reply) => {
      // Only a reply with our id ends the wait (RFC 5452 §9.1); others are ignored.
      if (reply.length >= 2 && reply.readUInt16BE(0) === id) finish(null, reply);
    });
    socket.bind({ port: 0, address: LOOPBACK }, () => socket.send(query, port, LOOPBACK));
  });
}

export function tcpExchange(port: number, query: Buffer, timeoutMs = TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: LOOPBACK });
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new TextError(text('dnsWire.noTcpAnswer', { port, ms: timeoutMs }))), timeoutMs);
    function finish(error: Error | null, reply?: Buffer) {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply!);
    }
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new TextError(text('dnsWire.tcpClosed'))));
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) finish(null, pending.subarray(2, 2 + pending.readUInt16BE(0)));
    });
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(query.length, 0);
    socket.write(Buffer.concat([prefix, query]));
  });
}

/** UDP, retried over TCP when the TC bit is set. */
export function loopbackExchange(port: number): DnsExchange {
  return async (query) => {
    const reply = await udpExchange(port, query);
    const truncated = reply.length >= 4 && (reply.readUInt16BE(2) & 0x0200) !== 0;
    return truncated ? tcpExchange(port, query) : reply;
  };
}
