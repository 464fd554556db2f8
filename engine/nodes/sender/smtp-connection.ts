// Runs an SMTP client session (engine/protocol/smtp-client) over a real socket to 127.0.0.1:port
// and upgrades it in place on STARTTLS (RFC 3207). The session decides; this only moves bytes,
// arms the timers it asks for and reports what the wire did.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { SmtpClientSession } from '../../protocol/smtp-client/session.ts';
import type { SessionCommand, SessionEvent, SessionNote, SessionResult, TlsInfo } from '../../protocol/smtp-client/types.ts';
import { authorizationCode, peerChainDer } from './peer-chain.ts';
import { secureContextFor, type TlsLimits } from './trust-store.ts';

export type ConnectionEvent =
  | { type: 'connected'; localPort: number }
  | { type: 'sent'; bytes: Buffer; label: string; encrypted: boolean }
  | { type: 'received'; bytes: Buffer; encrypted: boolean }
  | { type: 'tls'; info: TlsInfo }
  | { type: 'tlsFailed'; error: string }
  | { type: 'note'; note: SessionNote }
  | { type: 'closed'; error?: string };

export interface SmtpConnectionOptions {
  /** Loopback port the lab network maps the MX host's port 25 to. */
  port: number;
  session: SmtpClientSession;
  /**
   * Root certificates (PEM) the connection trusts: the lab CA, or none. With none the reported
   * peer chain is exactly what the server sent (see peer-chain.ts), as DANE needs.
   */
  trustedCaPems: readonly string[];
  /** TLS versions and ciphers this attempt may use (the fallback policy lowers maxVersion). */
  tls?: TlsLimits;
  observe?: (event: ConnectionEvent) => void;
  /** Stands between TLS and TCP on the upgrade, e.g. to add TLS_FALLBACK_SCSV to the ClientHello. */
  wrapSocket?: (socket: Socket) => Duplex;
  /** Receives the TLS secrets of the session (NSS key log lines), for capture exports. */
  keylog?: (line: Buffer) => void;
}

const LOOPBACK = '127.0.0.1';
// After our close, a peer that never answers the FIN must not hold the socket open.
const CLOSE_GRACE_MS = 2000;

export function runSmtpConnection(options: SmtpConnectionOptions): Promise<SessionResult> {
  const { session } = options;
  const observe = options.observe ?? (() => {});
  return new Promise((resolve) => {
    const tcp: Socket = netConnect({ host: LOOPBACK, port: options.port });
    tcp.setNoDelay(true);
    let current: Socket | TLSSocket = tcp;
    let encrypted = false;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;

    const stopTimer = () => timer && clearTimeout(timer);
    const feed = (event: SessionEvent) => apply(session.handle(event));
    const onData = (chunk: Buffer) => {
      observe({ type: 'received', bytes: chunk, encrypted });
      feed({ type: 'received', bytes: chunk });
    };

    const apply = (commands: SessionCommand[]) => {
      for (const command of commands) {
        switch (command.type) {
          case 'send':
            observe({ type: 'sent', bytes: command.bytes, label: command.label, encrypted });
            current.write(command.bytes);
            break;
          case 'awaitReply':
            stopTimer();
            timer = setTimeout(() => feed({ type: 'timeout' }), command.timeoutMs);
            break;
          case 'note':
            observe({ type: 'note', note: command.note });
            break;
          case 'startTls':
            upgrade(command.servername);
            break;
          case 'close':
            stopTimer();
            current.end();
            setTimeout(() => tcp.destroy(), CLOSE_GRACE_MS).unref();
            break;
          case 'done':
            stopTimer();
            finished = true;
            resolve(command.result);
            break;
        }
      }
    };

    const upgrade = (servername: string) => {
      // From here the TLS layer owns the TCP stream; plaintext that already arrived was handed to the session, which drops it (RFC 3207 §6).
      tcp.off('data', onData);
      const secure = tlsConnect({
        socket: options.wrapSocket ? (options.wrapSocket(tcp) as Socket) : tcp,
        servername,
        secureContext: secureContextFor(options.trustedCaPems, options.tls),
        // The sender's policy judges the certificate (RFC 8461 §4.2, RFC 7672 §3): the handshake must not stop at it.
        rejectUnauthorized: false,
      });
      secure.setNoDelay(true);
      const keylog = options.keylog;
      if (keylog) secure.on('keylog', (line: Buffer) => keylog(line));
      current = secure;
      let established = false;
      secure.once('secureConnect', () => {
        established = true;
        encrypted = true;
        const authorizationError = authorizationCode(secure);
        const info: TlsInfo = {
          version: secure.getProtocol() ?? 'unknown',
          cipher: secure.getCipher()?.name ?? 'unknown',
          peerChain: peerChainDer(secure),
          authorized: secure.authorized,
          ...(authorizationError ? { authorizationError } : {}),
        };
        observe({ type: 'tls', info });
        secure.on('data', onData);
        feed({ type: 'tlsEstablished', info });
      });
      secure.on('error', (err: NodeJS.ErrnoException) => {
        // OpenSSL ends its error strings with a newline; the error goes into one-line reasons.
        const message = err.message.trim();
        const error = err.code ? `${err.code}: ${message}` : message;
        if (!established) {
          observe({ type: 'tlsFailed', error });
          feed({ type: 'tlsFailed', error });
        }
        tcp.destroy();
      });
    };

    let closeError: string | undefined;
    tcp.on('connect', () => {
      observe({ type: 'connected', localPort: tcp.localPort ?? 0 });
      feed({ type: 'connected' });
    });
    tcp.on('data', onData);
    tcp.on('error', (err: NodeJS.ErrnoException) => {
      closeError = err.code ?? err.message;
    });
    tcp.on('close', () => {
      stopTimer();
      observe({ type: 'closed', ...(closeError ? { error: closeError } : {}) });
      if (!finished) feed({ type: 'closed', ...(closeError ? { error: closeError } : {}) });
    });
  });
}
