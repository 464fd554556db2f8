// A playbook reads like the ladder: what the server sent, what the client sent back.
//   expectSession(session).received('220 mx ESMTP').sent('EHLO mail.sender.example')...
import { expect } from 'vitest';
import type { SmtpClientSession } from '../../../../engine/protocol/smtp-client/session.ts';
import type { SessionCommand, SessionNote, SessionResult, TlsInfo } from '../../../../engine/protocol/smtp-client/types.ts';

export const TLS13: TlsInfo = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', peerChain: [], authorized: true };
export const EHLO = 'EHLO mail.sender.example';

const withCrlf = (text: string) => (text.endsWith('\r\n') ? text : `${text}\r\n`);

export class Playbook {
  private queue: SessionCommand[] = [];
  readonly notes: SessionNote[] = [];
  readonly timers: string[] = [];

  constructor(private readonly session: SmtpClientSession) {
    this.take(session.handle({ type: 'connected' }));
  }

  /** The server sent this reply; a missing final CRLF is added. */
  received(text: string): this {
    return this.receivedChunks(withCrlf(text));
  }

  /** The server's bytes arrive in these pieces, exactly as given. */
  receivedChunks(...chunks: string[]): this {
    for (const chunk of chunks) this.take(this.session.handle({ type: 'received', bytes: Buffer.from(chunk, 'latin1') }));
    return this;
  }

  /** The client's next wire output is this line (CRLF added) or these exact bytes. */
  sent(text: string): this {
    const next = this.next('send');
    expect(next.bytes.toString('utf8')).toBe(withCrlf(text));
    return this;
  }

  /** The greeting "220 mx", the client's EHLO, and this EHLO reply. */
  greeted(ehloReply = '250 mx'): this {
    return this.received('220 mx').sent(EHLO).received(ehloReply);
  }

  /** The server offers STARTTLS in its EHLO reply and the client asks for it. */
  sentStarttls(): this {
    return this.greeted('250-mx\r\n250 STARTTLS').sent('STARTTLS');
  }

  /** MAIL FROM, one RCPT and DATA each accepted, then the message body (given to check). */
  sentMessage(check: (data: string) => void = () => {}): this {
    return this.sent('MAIL FROM:<a@sender.example>').received('250 OK').sent('RCPT TO:<b@example.jp>').received('250 OK').sent('DATA').received('354 go').sentData(check);
  }

  /** The client says QUIT, the server 221, the client closes: the session's result. */
  quit(): SessionResult {
    return this.sent('QUIT').received('221 bye').closed();
  }

  /** The client sent the message body; returns its bytes to the callback. */
  sentData(check: (data: string) => void): this {
    check(this.next('send').bytes.toString('latin1'));
    return this;
  }

  /** The client asked for the TLS handshake, and it completed. */
  upgraded(info: TlsInfo = TLS13, servername = 'mx.example.jp'): this {
    expect(this.next('startTls').servername).toBe(servername);
    this.take(this.session.handle({ type: 'tlsEstablished', info }));
    return this;
  }

  handshakeFailed(error: string): this {
    this.next('startTls');
    this.take(this.session.handle({ type: 'tlsFailed', error }));
    return this;
  }

  timedOut(): this {
    this.take(this.session.handle({ type: 'timeout' }));
    return this;
  }

  serverClosed(): this {
    this.take(this.session.handle({ type: 'closed' }));
    return this;
  }

  /** The client closed the connection and the session has a result. */
  closed(): SessionResult {
    this.next('close');
    const done = this.next('done');
    expect(this.queue).toEqual([]);
    return done.result;
  }

  /** The session ended without a close of its own (the server closed first). */
  ended(): SessionResult {
    const done = this.next('done');
    expect(this.queue).toEqual([]);
    return done.result;
  }

  noted(pattern: RegExp): this {
    expect(this.notes.map((n) => `${n.rule}: ${n.reason}`).some((n) => pattern.test(n)), `a note matching ${pattern} in ${JSON.stringify(this.notes)}`).toBe(true);
    return this;
  }

  /** Nothing more goes out until the server answers. */
  waiting(): this {
    expect(this.queue).toEqual([]);
    return this;
  }

  private take(commands: SessionCommand[]): void {
    for (const command of commands) {
      if (command.type === 'note') this.notes.push(command.note);
      else if (command.type === 'awaitReply') this.timers.push(`${command.waitingFor}:${command.timeoutMs}`);
      else this.queue.push(command);
    }
  }

  private next<T extends SessionCommand['type']>(type: T): Extract<SessionCommand, { type: T }> {
    const command = this.queue.shift();
    expect(command?.type, `expected the client to ${type}, got ${JSON.stringify(command && { ...command, bytes: 'bytes' in command ? command.bytes.toString() : undefined })}`).toBe(type);
    return command as Extract<SessionCommand, { type: T }>;
  }
}

export function expectSession(session: SmtpClientSession): Playbook {
  return new Playbook(session);
}
