// The TCP socket as the sender's TLS layer sees it on a fallback retry: the first ClientHello
// written gets TLS_FALLBACK_SCSV (RFC 7507 §4), every other byte passes through unchanged.
// Use: tls.connect({ socket: withFallbackScsv(tcp), ... }), after the STARTTLS 220 reply.
//
// What the rewrite cannot hide: the handshake transcript. Both ends hash the ClientHello into
// the Finished messages (RFC 5246 §7.4.9) and, with extended_master_secret, into the master
// secret (RFC 7627 §4). The client hashes the hello it built, the server the one it received,
// so the two disagree whenever the server goes on with the handshake:
// - a server that supports a higher version than the retry offers stops at the ClientHello
//   with inappropriate_fallback (alert 86, RFC 7507 §3): the lesson's defence works as on a
//   real wire, since nothing is hashed before that alert;
// - a server that genuinely supports only the retry's version accepts the
//   SCSV and answers, but derives other keys than the client. Observed with Node 20 /
//   OpenSSL 3.0 on both ends, TLS 1.2 and TLS 1.1 alike: the server cannot decrypt the
//   client's Finished and sends bad_record_mac (alert 20); the client reports
//   ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC (test/unit/nodes/sender/scsv-socket.test.ts).
//   A rewritten retry never completes a handshake, so the sender must count it as a failed
//   TLS attempt, never as a delivery, and a real MTA's SCSV retry would have succeeded there.

import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { addFallbackScsv } from '../../protocol/tls-hello-rewrite.ts';
import { TlsRecordReader } from '../../protocol/tls-records.ts';

/** 'pending' until the first record is written; then whether it carried the SCSV out. */
export type ScsvState = 'pending' | 'added' | 'not-a-client-hello';

export class FallbackScsvSocket extends Duplex {
  scsv: ScsvState = 'pending';
  private readonly reader = new TlsRecordReader();
  private held: Buffer[] = [];
  private ended = false;

  constructor(private readonly tcp: Socket) {
    super();
    tcp.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) tcp.pause();
    });
    tcp.on('end', () => this.endReadable());
    tcp.on('error', (err) => this.destroy(err));
    // What the peer sent before closing is still read; autoDestroy ends this side after it.
    tcp.on('close', () => this.endReadable());
  }

  private endReadable(): void {
    if (this.ended) return;
    this.ended = true;
    this.push(null);
  }

  override _read(): void {
    this.tcp.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.scsv !== 'pending') {
      this.tcp.write(chunk, done);
      return;
    }
    this.held.push(chunk);
    const { records, notTls } = this.reader.push(chunk);
    if (notTls) {
      this.release(Buffer.concat(this.held), 'not-a-client-hello', done);
      return;
    }
    if (records.length === 0) {
      done();
      return;
    }
    const [first, ...rest] = records;
    const rewritten = addFallbackScsv(first.raw);
    const out = Buffer.concat([rewritten ?? first.raw, ...rest.map((r) => r.raw), this.reader.takePending()]);
    this.release(out, rewritten ? 'added' : 'not-a-client-hello', done);
  }

  override _final(done: (error?: Error | null) => void): void {
    // A record that never completed still belongs on the wire, unchanged.
    if (this.scsv === 'pending' && this.held.length > 0) this.release(Buffer.concat(this.held), 'not-a-client-hello', () => {});
    this.tcp.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.tcp.destroy();
    done(error);
  }

  private release(bytes: Buffer, state: ScsvState, done: (error?: Error | null) => void): void {
    this.scsv = state;
    this.held = [];
    this.tcp.write(bytes, done);
  }
}

export function withFallbackScsv(socket: Socket): FallbackScsvSocket {
  return new FallbackScsvSocket(socket);
}
