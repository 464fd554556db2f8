// The one place the receiver reaches into smtp-server's private parts. The package is pinned to an
// exact version in package.json; test/unit/receiver/smtp-server-internals.test.ts fails when an
// upgrade moves or renames anything used here:
//   server.connections                       the set each new connection is added to (greeting hold, settings at accept)
//   connection._server                        where a connection reads the options and TLS contexts (settings at accept)
//   connection._setListeners, connectionReady  where the 100 ms early-talker hold sits (greeting hold)
//   connection._onCommand, _nextHandler, _upgrading, send   the command dispatcher (line-length guard)
//   connection.upgrade, _parser               STARTTLS and the parser it retires (RFC 3207 §6 trace)
//   connection._armTimeout                    the first sight of the server-side TLSSocket (TLS key log)
//   connection.send, secure                   the EHLO keyword list (AUTH not offered before TLS)

import { performance } from 'node:perf_hooks';
import { TLSSocket } from 'node:tls';
import type { SMTPServer } from 'smtp-server';

/** The version whose private parts this file was written against (package.json pins it). */
export const SMTP_SERVER_VERSION = '3.21.6';

/** smtp-server holds every greeting this long to catch clients that talk first (SMTPConnection.init). */
export const LIBRARY_GREETING_HOLD_MS = 100;

/** The command-line parser smtp-server feeds from the socket (SMTPStream). */
interface CommandParserInternals {
  isClosed: boolean;
  oncommand(command: Buffer, callback?: () => void): void;
  removeAllListeners(event: string): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** The parts of smtp-server's per-connection object used here. */
interface ConnectionInternals {
  id: string;
  _server: SMTPServer;
  _closing?: boolean;
  _closed?: boolean;
  _upgrading?: boolean;
  _nextHandler?: unknown;
  _parser?: CommandParserInternals | false;
  _onCommand(command: Buffer, callback?: () => void): unknown;
  _setListeners(callback: () => void): unknown;
  _armTimeout?(socket?: unknown): unknown;
  connectionReady(next?: () => void): unknown;
  upgrade(callback: () => void, secureCallback?: () => void): unknown;
  send(code: number, data?: string | string[], context?: string | false): void;
  secure?: boolean;
}

interface ServerInternals {
  connections?: Set<ConnectionInternals>;
  options: { maxClients?: number };
  secureContext: Map<string, unknown>;
}

const internalsOf = (server: SMTPServer) => server as unknown as ServerInternals;

function findConnection(server: SMTPServer, sessionId: string): ConnectionInternals | undefined {
  const connections = internalsOf(server).connections;
  if (!connections) return undefined;
  for (const conn of connections) if (conn.id === sessionId) return conn;
  return undefined;
}

/**
 * Makes the pause before the 220 greeting a setting instead of smtp-server's fixed 100 ms: `holdMs()`
 * is read for each new connection (0: greet at once). A client that talks during the pause gets
 * smtp-server's "421 You talk too soon", as Postfix's postscreen greet pause refuses pregreet traffic.
 * False when smtp-server's internals are not what this was written for.
 */
export function setGreetingHold(server: SMTPServer, holdMs: () => number): boolean {
  const internals = internalsOf(server);
  const connections = internals.connections;
  if (!(connections instanceof Set)) return false;
  const add = connections.add.bind(connections);
  connections.add = (conn: ConnectionInternals) => {
    holdGreeting(conn, holdMs(), () => Boolean(internals.options.maxClients && connections.size > internals.options.maxClients));
    return add(conn);
  };
  return true;
}

function holdGreeting(conn: ConnectionInternals, holdMs: number, overLimit: () => boolean): void {
  const ready = conn.connectionReady;
  const setListeners = conn._setListeners;
  if (typeof ready !== 'function' || typeof setListeners !== 'function') return;
  const acceptedAt = performance.now();
  let started = false;
  // Whoever comes first (this hold or the library's own timer) starts the greeting, once.
  conn.connectionReady = function held(this: ConnectionInternals, next?: () => void) {
    if (started) return;
    started = true;
    const wait = holdMs - (performance.now() - acceptedAt);
    if (wait <= 0) return ready.call(this, next);
    setTimeout(() => ready.call(this, next), wait).unref();
  };
  conn._setListeners = function listening(this: ConnectionInternals, callback: () => void) {
    return setListeners.call(this, () => {
      callback();
      // The library's callback armed its 100 ms timer, or refused a client over maxClients.
      if (holdMs < LIBRARY_GREETING_HOLD_MS && !overLimit() && !this._closing && !this._closed) this.connectionReady();
    });
  };
}

/**
 * Gives each connection, as it is accepted, its own copy of the server's options and TLS contexts,
 * and keeps what `take()` returns at that moment: a later change to the server (its options,
 * updateSecureContext) reaches new connections only, as a running Postfix smtpd keeps the main.cf
 * it started with. smtp-server reads both through connection._server, on each command and at
 * STARTTLS, so the copy sits there, in front of the server. Returns where to read `take()`'s
 * value of a session; null when smtp-server's internals are not what this was written for.
 */
export function pinSettingsAtAccept<T>(server: SMTPServer, take: () => T): ((sessionId: string) => T | undefined) | null {
  const internals = internalsOf(server);
  const connections = internals.connections;
  if (!(connections instanceof Set) || !(internals.secureContext instanceof Map)) return null;
  const taken = new WeakMap<ConnectionInternals, T>();
  const add = connections.add.bind(connections);
  connections.add = (conn: ConnectionInternals) => {
    const pinned = Object.create(server) as ServerInternals;
    pinned.options = { ...internals.options };
    pinned.secureContext = new Map(internals.secureContext);
    conn._server = pinned as unknown as SMTPServer;
    taken.set(conn, take());
    return add(conn);
  };
  return (sessionId) => {
    const conn = findConnection(server, sessionId);
    return conn ? taken.get(conn) : undefined;
  };
}

/** What a command gate sees of the session when a command line arrives. */
export interface CommandLineState {
  /** The line answers a SASL challenge (AUTH in progress). */
  saslStep: boolean;
  /** STARTTLS is under way: smtp-server discards lines itself. */
  upgrading: boolean;
}

/** Looks at a command line before smtp-server does; a reply answers it instead (a SASL exchange ends). */
export type CommandGate = (line: Buffer, state: CommandLineState) => { code: number; text: string } | null;

/** Puts the gate in front of this session's command dispatcher; false when the session was not found. */
export function gateCommands(server: SMTPServer, sessionId: string, gate: CommandGate): boolean {
  const conn = findConnection(server, sessionId);
  if (!conn || typeof conn._onCommand !== 'function') return false;
  const original = conn._onCommand;
  conn._onCommand = function gated(this: ConnectionInternals, command: Buffer, callback?: () => void) {
    const saslStep = Boolean(this._nextHandler);
    const reply = gate(command ?? Buffer.alloc(0), { saslStep, upgrading: Boolean(this._upgrading) });
    if (!reply) return original.call(this, command, callback);
    this.send(reply.code, reply.text);
    if (saslStep) this._nextHandler = false;
    setImmediate(() => callback?.());
  };
  return true;
}

/** Told at each STARTTLS of a session, then given each line its retired plaintext parser still held. */
export interface RetiredParserReader {
  retired(): void;
  line(line: Buffer): void;
}

/**
 * At each STARTTLS of this session, hands the reader the command lines the retired plaintext parser
 * still holds, instead of letting it drain them unread; none of them reaches the dispatcher.
 * False when the session was not found.
 */
export function readRetiredParser(server: SMTPServer, sessionId: string, reader: RetiredParserReader): boolean {
  const conn = findConnection(server, sessionId);
  if (!conn || typeof conn.upgrade !== 'function') return false;
  const original = conn.upgrade;
  conn.upgrade = function collecting(this: ConnectionInternals, callback: () => void, secureCallback?: () => void) {
    const retired = this._parser;
    const result = original.call(this, callback, secureCallback);
    if (retired && retired !== this._parser) {
      retired.oncommand = (command: Buffer, next?: () => void) => {
        reader.line(command);
        next?.();
      };
      // An over-long line there must not close the session: it is discarded like the rest.
      retired.removeAllListeners('error');
      retired.on('error', () => {});
      retired.isClosed = false;
      reader.retired();
    }
    return result;
  };
  return true;
}

/** Runs the lines through the session's command dispatcher one after another, then calls done. */
export function dispatchCommands(server: SMTPServer, sessionId: string, lines: Buffer[], done: () => void): void {
  const conn = findConnection(server, sessionId);
  if (!conn) return done();
  let i = 0;
  const next = () => {
    if (i >= lines.length) return done();
    conn._onCommand(lines[i++], next);
  };
  next();
}

/**
 * Calls `onTls` with the server-side TLSSocket of each STARTTLS of this session before its first
 * handshake byte is read: smtp-server creates it inside its upgrade and arms the socket timeout on
 * it at once. False when the session or that seam was not found.
 */
export function watchTlsSockets(server: SMTPServer, sessionId: string, onTls: (socket: TLSSocket) => void): boolean {
  const conn = findConnection(server, sessionId);
  const original = conn?._armTimeout;
  if (!conn || typeof original !== 'function') return false;
  conn._armTimeout = function armed(this: ConnectionInternals, socket?: unknown) {
    if (socket instanceof TLSSocket) onTls(socket);
    return original.call(this, socket);
  };
  return true;
}

/**
 * Leaves AUTH out of this session's EHLO reply while the session is not encrypted and `hide()`
 * says so: Postfix's smtpd_tls_auth_only = yes "does not announce or accept SASL authentication
 * unless the session is encrypted" (TLS_README; RFC 4954 §4). AUTH sent anyway still gets
 * smtp-server's 538 (RFC 4954 §6). False when the session was not found.
 */
export function hideAuthBeforeTls(server: SMTPServer, sessionId: string, hide: () => boolean): boolean {
  const conn = findConnection(server, sessionId);
  if (!conn || typeof conn.send !== 'function') return false;
  const original = conn.send;
  conn.send = function ehloWithoutAuth(this: ConnectionInternals, code: number, data?: string | string[], context?: string | false) {
    const lines = code === 250 && Array.isArray(data) && !this.secure && hide() ? data.filter((line) => !/^AUTH( |$)/i.test(line)) : data;
    return original.call(this, code, lines, context);
  };
  return true;
}
