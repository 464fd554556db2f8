// The receiving MTA for example.jp: smtp-server on two loopback listeners, relay-in (lab
// port 25, STARTTLS, no AUTH) and submission (lab port 587, STARTTLS, AUTH PLAIN/LOGIN).
// Accepted messages go to the in-memory mailbox. Once a session is inside TLS the relay
// only sees ciphertext, so the receiver puts what it decrypted on the same trace flow.

import { format } from 'node:util';
import type { TLSSocket } from 'node:tls';
import type { SMTPServer, SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import { english, text } from '../../../common/i18n/text.ts';
import type { TlsInfo } from '../../../common/lab.ts';
import type { TraceLink } from '../../../common/trace.ts';
import type { MailboxDetail } from '../../../common/trace-details.ts';
import type { TlsDetail } from '../../../common/trace-details-wire.ts';
import type { DecodedEvent } from '../../protocol/decoded-event.ts';
import { errorNote } from '../../protocol/error-notes.ts';
import { SmtpFlowDecoder } from '../../protocol/smtp-flow-decoder.ts';
import type { FlowIdAllocator } from '../../trace/flow-ids.ts';
import type { TraceEmitter } from '../../trace/trace-store.ts';
import { guardLineLength } from './line-guard.ts';
import { ByteBudget } from './byte-budget.ts';
import { Mailbox } from './mailbox.ts';
import { receivedClient, type ReceivedInput } from './received-header.ts';
import { storedMessage } from './stored-message.ts';
import type { ReceiverConfig, ReceiverTlsConfig, StarttlsPlaintextMode } from './receiver-config.ts';
import { executeInsideTls, starttlsBufferRow, watchStarttlsBuffer, type StarttlsBuffer } from './starttls-buffer.ts';
import { serverTlsOptions } from './tls-options.ts';
import { SharedContextSmtpServer } from '../shared-server-contexts.ts';
import { startListener } from './listener.ts';
import { hideAuthBeforeTls, pinSettingsAtAccept, setGreetingHold, watchTlsSockets } from './smtp-server-internals.ts';
import { LAB_ADDRESSES } from '../../network/lab-hosts.ts';
import type { MessageAuth } from '../../../common/auth.ts';
import type { MailauthResolver } from './auth/mailauth-resolver.ts';
import { AUTH_OFF, anyCheckOn, authenticateMessage, type ReceiverAuthConfig } from './auth/receiver-auth.ts';
import { authRow, rejectedEntry } from './auth/auth-trace.ts';

export interface ReceiverDeps {
  trace: TraceEmitter;
  flows: FlowIdAllocator;
  /** The relay flow whose outbound socket has this local port (the session's remote port). */
  flowOfRemotePort(port: number): { flow: string; link: TraceLink } | undefined;
  /** Certificate used when config.tls.certificate is unset. */
  defaultCertificate: { certPem: string; keyPem: string };
  /** Receives the TLS secrets of every STARTTLS session (NSS key log lines), for capture exports. */
  keylog?: (line: Buffer) => void;
  /** DKIM-signs what authenticated users submit on port 587 (OpenDKIM on the submission service); unchanged when it does not sign. */
  signSubmission?: (raw: Buffer) => Promise<Buffer>;
  /** DNS for the SPF/DKIM/DMARC/ARC checks: the lab's validating resolver (asked only while a check is on). */
  authResolver?: () => MailauthResolver;
  /** Told of every message the checks ran on, accepted or refused (DMARC aggregate reports count them). */
  onChecked?: (checked: { auth: MessageAuth; clientIp: string; mailFrom: string; helo: string; at: number }) => void;
}

export interface Receiver {
  hostname: string;
  mailbox: Mailbox;
  /** Lab port (25, 587) -> the loopback port smtp-server listens on. */
  ports: Record<number, number>;
  /** Applies new TLS settings to connections from now on; open sessions keep theirs. */
  setTls(tls: ReceiverTlsConfig): void;
  /** Discard (RFC 3207 §6) or execute what clients pipeline after STARTTLS, from the next handshake on. */
  setStarttlsPlaintext(mode: StarttlsPlaintextMode): void;
  /** The pause before the 220 greeting of new connections, in ms (Postfix postscreen_greet_wait); 0: none. */
  setGreetWait(ms: number): void;
  /** Which sender-authentication checks run and whether the DMARC policy is applied (main.cf smtpd_milters), for connections from now on. */
  setAuth(auth: ReceiverAuthConfig): void;
  close(): Promise<void>;
}

/**
 * What main.cf sets for one session, taken when its connection is accepted and kept to its end,
 * STARTTLS included: a Postfix smtpd serving a session keeps the settings it started with, and
 * after a reload only new processes read the new main.cf (postfix(1) reload: "Running processes
 * terminate at their earliest convenience").
 */
interface SessionSettings {
  tls: ReceiverTlsConfig;
  auth: ReceiverAuthConfig;
}

interface SessionState {
  flow: string;
  link: TraceLink;
  labPort: number;
  settings: SessionSettings;
  /** Who connected, for the Received field: the lab node and its lab address when known. */
  client: ReceivedInput['client'];
  tls: TlsInfo | null;
  /** Decodes the plaintext inside TLS; set once the session is secure. */
  inner: SmtpFlowDecoder | null;
  /** Lines pipelined after STARTTLS, read out of smtp-server's retired parser. */
  starttlsBuffer: StarttlsBuffer | null;
}

/** Message bytes all sessions may hold at once while DATA arrives (half a dozen of the largest). */
export const DEFAULT_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

const SOCKET_TIMEOUT_MS = 5 * 60 * 1000; // RFC 5321 §4.5.3.2.7: the server waits 5 minutes for a command.

export async function startReceiver(config: ReceiverConfig, deps: ReceiverDeps): Promise<Receiver> {
  const mailbox = new Mailbox(config.mailbox);
  const inFlight = new ByteBudget(config.inFlightBytes ?? DEFAULT_IN_FLIGHT_BYTES);
  let storeQueue: Promise<void> = Promise.resolve();
  // The session whose message is being stored: the note about what had to go goes on its flow.
  let storing: SessionState | null = null;
  mailbox.onDropped((dropped) => {
    const at = storing ?? { flow: deps.flows.next(), link: { from: config.hostname, to: config.hostname } };
    const octets = dropped.reduce((sum, m) => sum + m.size, 0);
    const host = config.hostname;
    const summaryText =
      dropped.length === 1
        ? text('row.mailboxDroppedOne', { id: dropped[0].id, octets, host })
        : text('row.mailboxDroppedMany', { count: dropped.length, first: dropped[0].id, last: dropped.at(-1)!.id, octets, host });
    deps.trace.emit({
      flow: at.flow,
      link: at.link,
      layer: 'mailbox',
      dir: 'none',
      summary: english(summaryText),
      detail: { kind: 'mailbox-dropped', ids: dropped.map((m) => m.id), octets, total: mailbox.dropped, summaryText } satisfies MailboxDetail,
      visibility: 'plaintext',
    });
  });
  const sessions = new Map<string, SessionState>();
  const servers: { labPort: number; server: SMTPServer; acceptedWith: (sessionId: string) => SessionSettings | undefined }[] = [];
  let tlsConfig = config.tls;
  let starttlsPlaintext = config.starttlsPlaintext;
  let greetWaitMs = config.greetWaitMs ?? 0;

  const insecureAuth = (tls: ReceiverTlsConfig) => (tls.authOnly === undefined ? config.allowInsecureAuth : !tls.authOnly);
  const emitOn = (state: SessionState, event: DecodedEvent) => deps.trace.emit({ ...event, flow: state.flow, link: state.link });
  // Decoding for the trace must never take a session (or the process) down with it.
  const decodeInto = (state: SessionState, decode: () => DecodedEvent[]) => {
    try {
      for (const event of decode()) emitOn(state, event);
    } catch (err) {
      emitOn(state, errorNote('decoder-error', 'none', err));
    }
  };

  const logger = {
    debug(entry: { cid?: string; tnx?: string }, message: string, ...args: unknown[]) {
      if (entry?.tnx !== 'send' || message !== 'S:' || !entry.cid) return;
      const state = sessions.get(entry.cid);
      if (!state?.inner) return;
      const inner = state.inner;
      const payload = format('%s', ...args);
      decodeInto(state, () => inner.feed('s2c', Buffer.from(`${payload}\r\n`)));
    },
    info() {},
    trace() {},
    warn() {},
    error() {},
    fatal() {},
  };

  let authConfig: ReceiverAuthConfig = AUTH_OFF;
  const settingsNow = (): SessionSettings => ({ tls: tlsConfig, auth: authConfig });
  /** The checks at the end of DATA (null when none is on); their verdict goes on the session's flow. */
  const authenticate = async (raw: Buffer, session: SMTPServerSession, state: SessionState): Promise<MessageAuth | null> => {
    const checks = state.settings.auth;
    if (!anyCheckOn(checks) || !deps.authResolver) return null;
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const authUser = typeof session.user === 'string' ? session.user : null;
    const auth = await authenticateMessage({ raw, mailFrom, helo: session.hostNameAppearsAs || '', clientIp: state.client.address, mta: config.hostname, authUser }, checks, deps.authResolver());
    if (auth) deps.trace.emit({ flow: state.flow, link: state.link, ...authRow(config.hostname, auth) });
    if (auth) deps.onChecked?.({ auth, clientIp: state.client.address, mailFrom, helo: session.hostNameAppearsAs || '', at: Date.now() });
    return auth;
  };

  const store = async (raw: Buffer, session: SMTPServerSession, state: SessionState, auth: MessageAuth | null = null): Promise<string> => {
    const id = mailbox.nextId();
    const { message, row } = await storedMessage({ id, now: new Date(), host: config.hostname, tlsClause: state.settings.tls.receivedTlsClause !== false, raw, session, connection: state, auth });
    storing = state;
    try {
      mailbox.add(message);
    } finally {
      storing = null;
    }
    deps.trace.emit({ flow: state.flow, link: state.link, ...row });
    return id;
  };

  const optionsFor = (labPort: number, submission: boolean): SMTPServerOptions => {
    const listening = () => servers.find((s) => s.labPort === labPort);
    return {
      name: config.hostname,
      banner: 'SMTP Lab',
      heloResponse: '%s at your service',
      size: config.sizeLimit,
      rejectOversized: true,
      logger: logger as unknown as SMTPServerOptions['logger'],
      disableReverseLookup: true,
      socketTimeout: SOCKET_TIMEOUT_MS,
      closeTimeout: 1000,
      maxCommandLength: 16 * 1024,
      // RFC 4954 with SASL PLAIN (RFC 4616), LOGIN, and CRAM-MD5 (RFC 2195), whose password never crosses the wire.
      authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
      authOptional: !submission,
      allowInsecureAuth: insecureAuth(tlsConfig),
      ...serverTlsOptions(tlsConfig, deps.defaultCertificate),
      disabledCommands: [...(submission ? [] : ['AUTH']), ...(tlsConfig.enabled ? [] : ['STARTTLS'])],
      onConnect(session, callback) {
        const known = deps.flowOfRemotePort(session.remotePort);
        // Through a lab link the client is that link's node (an on-path attacker relays the
        // sender's connection and stays invisible here); otherwise only the socket's address is known.
        const client = receivedClient(known?.link.from ?? null, LAB_ADDRESSES, session.remoteAddress || '127.0.0.1');
        const settings = listening()?.acceptedWith(session.id) ?? settingsNow();
        const state: SessionState = known
          ? { flow: known.flow, link: known.link, labPort, settings, client, tls: null, inner: null, starttlsBuffer: null }
          : { flow: deps.flows.next(), link: { from: `127.0.0.1:${session.remotePort}`, to: config.hostname, port: labPort }, settings, client, tls: null, inner: null, starttlsBuffer: null, labPort };
        sessions.set(session.id, state);
        const s = listening()?.server;
        if (s) {
          guardLineLength(s, session.id);
          state.starttlsBuffer = watchStarttlsBuffer(s, session.id);
          if (submission) hideAuthBeforeTls(s, session.id, () => !insecureAuth(settings.tls));
          if (deps.keylog) {
            const keylog = deps.keylog;
            watchTlsSockets(s, session.id, (socket) => socket.on('keylog', keylog));
          }
        }
        callback();
      },
      onSecure(socket, session, callback) {
        const state = sessions.get(session.id);
        if (!state) return callback();
        const tlsSocket = socket as TLSSocket;
        const cipher = tlsSocket.getCipher();
        state.tls = { version: tlsSocket.getProtocol() ?? 'unknown', cipher: cipher?.standardName ?? cipher?.name ?? 'unknown' };
        state.inner = new SmtpFlowDecoder({ insideTls: true });
        const inner = state.inner;
        const summaryText = text('row.tlsSession', { host: config.hostname, version: state.tls.version, cipher: state.tls.cipher });
        deps.trace.emit({
          flow: state.flow,
          link: state.link,
          layer: 'tls',
          dir: 'none',
          summary: english(summaryText),
          detail: { kind: 'session', ...state.tls, sni: tlsSocket.servername || null, by: config.hostname, summaryText } satisfies TlsDetail,
          visibility: 'plaintext',
        });
        const proceed = () => {
          tlsSocket.on('data', (chunk: Buffer) => decodeInto(state, () => inner.feed('c2s', chunk)));
          callback();
        };
        const buffered = state.starttlsBuffer?.take();
        const s = listening()?.server;
        if (!buffered || buffered.lines.length === 0 || !s) return proceed();
        if (starttlsPlaintext === 'discard') {
          emitStarttlsBuffer(state, 'discarded', buffered.lines, buffered.dropped);
          return proceed();
        }
        emitStarttlsBuffer(state, 'executed', buffered.lines, buffered.dropped);
        // The replies go out inside TLS. The inner decoder reads each command first so it pairs
        // them; the row above already shows the commands.
        for (const line of buffered.lines) {
          decodeInto(state, () => {
            inner.feed('c2s', Buffer.concat([line, Buffer.from('\r\n')]));
            return [];
          });
        }
        executeInsideTls(s, session.id, buffered.lines, proceed);
      },
      onAuth(auth, _session, callback) {
        const expected = Object.hasOwn(config.users, auth.username ?? '') ? config.users[auth.username!] : undefined;
        if ((auth.method === 'PLAIN' || auth.method === 'LOGIN') && expected !== undefined && auth.password === expected) {
          return callback(null, { user: auth.username });
        }
        const cram = auth as { method: string; validatePassword?: (password: string) => boolean };
        if (cram.method === 'CRAM-MD5' && expected !== undefined && cram.validatePassword?.(expected)) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
      onMailFrom(_address, session, callback) {
        // Postfix at smtpd_tls_security_level = encrypt: no mail transaction outside TLS.
        const state = sessions.get(session.id);
        if (state?.settings.tls.requireTls && !state.tls) {
          return callback(Object.assign(new Error('5.7.0 Must issue a STARTTLS command first'), { responseCode: 530 }));
        }
        callback();
      },
      onRcptTo(address, session, callback) {
        const domain = address.address.split('@').pop()?.toLowerCase() ?? '';
        // An MX accepts mail for its own domains only; anything else would make it an open relay.
        if (!submission && !config.domains.includes(domain)) {
          return callback(Object.assign(new Error(`Relay access denied: ${config.hostname} accepts mail for ${config.domains.join(', ')} only`), { responseCode: 554 }));
        }
        if (submission && !session.user) return callback(Object.assign(new Error('Authentication required'), { responseCode: 530 }));
        callback();
      },
      onData(stream, session, callback) {
        const state = sessions.get(session.id);
        const chunks: Buffer[] = [];
        let held = 0;
        let overflow = false;
        const release = () => {
          inFlight.release(held);
          held = 0;
          chunks.length = 0;
        };
        stream.on('data', (chunk: Buffer) => {
          if (stream.sizeExceeded || overflow) return;
          // All sessions together hold at most the in-flight budget: past it, this message is
          // refused with a temporary error and the client may try again later.
          if (!inFlight.take(chunk.length)) {
            overflow = true;
            release();
            return;
          }
          held += chunk.length;
          chunks.push(chunk);
        });
        // A client that goes away mid-DATA destroys the stream: nothing is stored.
        stream.on('error', release);
        stream.on('end', () => {
          if (overflow) return callback(Object.assign(new Error('4.3.1 Insufficient system storage: too many messages arriving at once, try again later'), { responseCode: 452 }));
          if (stream.sizeExceeded || !state) {
            release();
            return callback(null);
          }
          const received = Buffer.concat(chunks);
          chunks.length = 0;
          // One message is parsed at a time: parsing is where a large message costs the most memory.
          storeQueue = storeQueue.then(async () => {
            const raw = submission && session.user && deps.signSubmission ? await deps.signSubmission(received).catch(() => received) : received;
            let auth: MessageAuth | null;
            try {
              auth = await authenticate(raw, session, state);
            } catch (err) {
              // Postfix's milter_default_action = tempfail: a check that breaks defers the message.
              release();
              return callback(Object.assign(new Error(`4.7.1 Sender authentication checks failed: ${(err as Error).message}; try again later`), { responseCode: 451 }));
            }
            if (auth?.disposition.action === 'reject') {
              release();
              mailbox.addRejected(rejectedEntry(raw, session, state.flow, auth));
              return callback(Object.assign(new Error(auth.disposition.reason), { responseCode: 550 }));
            }
            return store(raw, session, state, auth).then(
              (id) => callback(null, `OK: queued as ${id}`),
              (err: Error) => callback(Object.assign(new Error(`Could not store the message: ${err.message}`), { responseCode: 451 })),
            ).finally(release);
          });
        });
      },
      onClose(session) {
        const state = sessions.get(session.id);
        sessions.delete(session.id);
        const inner = state?.inner;
        if (state && inner) decodeInto(state, () => inner.finish());
      },
    };
  };

  const emitStarttlsBuffer = (state: SessionState, action: 'discarded' | 'executed', lines: Buffer[], dropped: number) =>
    deps.trace.emit({ flow: state.flow, link: state.link, ...starttlsBufferRow(config.hostname, action, lines, dropped) });

  const ports: Record<number, number> = {};
  for (const [labPort, submission] of [[25, false], [587, true]] as const) {
    const server = new SharedContextSmtpServer(optionsFor(labPort, submission));
    const acceptedWith = pinSettingsAtAccept(server, settingsNow);
    if (!acceptedWith) throw new Error('smtp-server internals changed: sessions cannot keep the settings they started with (see smtp-server-internals.ts)');
    servers.push({ labPort, server, acceptedWith });
    if (!setGreetingHold(server, () => greetWaitMs)) throw new Error('smtp-server internals changed: the greeting pause cannot be set (see smtp-server-internals.ts)');
    ports[labPort] = await startListener(server, `${config.hostname}:${labPort}`);
  }

  return {
    hostname: config.hostname,
    mailbox,
    ports,
    setTls(tls) {
      tlsConfig = tls;
      for (const { labPort, server } of servers) {
        const tlsOptions = serverTlsOptions(tls, deps.defaultCertificate);
        Object.assign(server.options, tlsOptions, {
          allowInsecureAuth: insecureAuth(tls),
          disabledCommands: [...(labPort === 587 ? [] : ['AUTH']), ...(tls.enabled ? [] : ['STARTTLS'])],
        });
        server.updateSecureContext(tlsOptions);
      }
    },
    setAuth(auth) {
      authConfig = auth;
    },
    setStarttlsPlaintext(mode) {
      starttlsPlaintext = mode;
    },
    setGreetWait(ms) {
      greetWaitMs = ms;
    },
    async close() {
      await Promise.all(servers.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
