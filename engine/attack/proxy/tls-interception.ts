// Ending TLS in the middle: once the server has said 220 to STARTTLS, the attacker answers the
// client's handshake itself with a certificate of its choosing and opens its own TLS session
// to the real server. Between the two it holds the plaintext. Whether that works is up to the
// client: an opportunistic one accepts any certificate, MTA-STS accepts one a trusted CA
// issued (RFC 8461 §4.2), DANE only the key its TLSA record names (RFC 7672 §3.1).

import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, createSecureContext, TLSSocket } from 'node:tls';
import type { WireDir } from '../../protocol/decoded-event.ts';

export interface InterceptionEvents {
  /** The client's handshake with the attacker completed. */
  clientSecure(info: { version: string; cipher: string; sni: string | null }): void;
  /** The attacker's own handshake with the server completed. */
  serverSecure(info: { version: string; cipher: string }): void;
  /** A handshake failed; side says which one. */
  failed(side: 'client' | 'server', error: string): void;
  /** Plaintext the attacker decrypted, in the direction it was going. */
  plaintext(dir: WireDir, bytes: Buffer): void;
  /** Ciphertext on the client's side of the attacker, as on the wire. */
  clientWire(dir: WireDir, bytes: Buffer): void;
}

export interface InterceptionOptions {
  client: Socket;
  upstream: Socket;
  certificate: { certPem: string; keyPem: string };
  /** The name the attacker asks the real server for (SNI). */
  serverName: string;
  events: InterceptionEvents;
}

// Both handshakes accept old versions too: the attacker takes whatever its peers offer.
const ANY_VERSION = { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' };
// After one side closed, the other gets this long to finish before it is cut.
const CLOSE_GRACE_MS = 2000;

/** A stream over a raw socket that reports every byte it carries. */
function tappedWire(socket: Socket, onIn: (bytes: Buffer) => void, onOut: (bytes: Buffer) => void): Duplex {
  const wire: Duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      onOut(chunk);
      if (socket.destroyed || !socket.writable) return callback();
      if (socket.write(chunk)) callback();
      else socket.once('drain', () => callback());
    },
    final(callback) {
      if (!socket.destroyed) socket.end();
      callback();
    },
    destroy(err, callback) {
      if (!socket.destroyed) socket.destroy();
      callback(err);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    onIn(chunk);
    if (!wire.push(chunk)) socket.pause();
  });
  socket.on('end', () => wire.push(null));
  socket.on('close', () => {
    if (!wire.destroyed) wire.destroy();
  });
  socket.resume();
  return wire;
}

export function interceptTls(o: InterceptionOptions): void {
  const { events } = o;
  const toClient = new TLSSocket(
    tappedWire(o.client, (bytes) => events.clientWire('c2s', bytes), (bytes) => events.clientWire('s2c', bytes)),
    { isServer: true, secureContext: createSecureContext({ cert: o.certificate.certPem, key: o.certificate.keyPem, ...ANY_VERSION }) },
  );
  const toServer = tlsConnect({ socket: tappedWire(o.upstream, () => {}, () => {}) as unknown as Socket, servername: o.serverName, rejectUnauthorized: false, ...ANY_VERSION });
  let clientUp = false;
  let serverUp = false;
  const teardown = () => {
    for (const s of [toClient, toServer]) if (!s.destroyed) s.destroy();
    for (const s of [o.client, o.upstream]) if (!s.destroyed) s.destroy();
  };

  toClient.once('secure', () => {
    clientUp = true;
    const cipher = toClient.getCipher();
    events.clientSecure({ version: toClient.getProtocol() ?? 'unknown', cipher: cipher?.standardName ?? cipher?.name ?? 'unknown', sni: (toClient as TLSSocket & { servername?: string | false }).servername || null });
  });
  toServer.once('secureConnect', () => {
    serverUp = true;
    const cipher = toServer.getCipher();
    events.serverSecure({ version: toServer.getProtocol() ?? 'unknown', cipher: cipher?.standardName ?? cipher?.name ?? 'unknown' });
  });
  // OpenSSL ends its error strings with a newline; the error goes into a one-line row.
  const oneLine = (err: NodeJS.ErrnoException) => (err.code ? `${err.code}: ${err.message.trim()}` : err.message.trim());
  toClient.on('error', (err: NodeJS.ErrnoException) => {
    if (!clientUp) events.failed('client', oneLine(err));
    teardown();
  });
  toServer.on('error', (err: NodeJS.ErrnoException) => {
    if (!serverUp) events.failed('server', oneLine(err));
    teardown();
  });

  toClient.on('data', (bytes: Buffer) => events.plaintext('c2s', bytes));
  toServer.on('data', (bytes: Buffer) => events.plaintext('s2c', bytes));
  // pipe() carries backpressure and ends the other side when one side ends.
  toClient.pipe(toServer);
  toServer.pipe(toClient);
  for (const [closed, other] of [[toClient, toServer], [toServer, toClient]] as const) {
    closed.once('close', () => setTimeout(() => other.destroy(), CLOSE_GRACE_MS).unref());
  }
  o.client.once('close', () => setTimeout(teardown, CLOSE_GRACE_MS).unref());
  o.upstream.once('close', () => setTimeout(teardown, CLOSE_GRACE_MS).unref());
}
