// The sending MTA's SMTP client as a sans-IO state machine: events in, commands out (STYLE.md,
// mitmproxy layers). Each command pushes the handler of its reply (nodemailer's _responseActions).
import { english, said, text, type Text } from '../../../common/i18n/text.ts';
import { mailFromLine, rcptToLine, type LineOrFailure } from './envelope.ts';
import { noExtensions, parseEhloLines, type EhloExtensions } from './extensions.ts';
import { prepareMessage, type PreparedMessage } from './message-data.ts';
import { RecipientBook, failureFromReply, resultFromReply, type SessionFailure } from './recipient-book.ts';
import { REPLY, RFC5321_TIMEOUTS_MS, replyClass, type WaitingFor } from './reply-codes.ts';
import { ReplyParser, type ClientReply } from './reply-parser.ts';
import { defaultBeforeMail } from './requiretls-check.ts';
import type { SessionCommand, SessionEvent, SessionResult, SessionStage, SmtpClientOptions, TlsInfo } from './types.ts';

interface Pending {
  waitingFor: WaitingFor;
  handle(reply: ClientReply): void;
}

export class SmtpClientSession {
  private readonly parser = new ReplyParser();
  private readonly pending: Pending[] = [];
  private readonly book: RecipientBook;
  private readonly message: PreparedMessage;
  private out: SessionCommand[] = [];
  private stage: SessionStage = 'greeting';
  private extensions?: EhloExtensions;
  private starttlsOffered = false;
  private tls?: TlsInfo;
  private tlsError?: string;
  private tlsErrorText?: Text;
  private starttlsSent = false;
  private handshaking = false;
  private discarded = 0;
  private accepted: number[] = [];
  private rcptIndex = 0;
  private failure?: SessionFailure;
  private error?: { rule: string; reason: string; reasonText?: Text };
  private quitting = false;
  private closed = false;
  private result?: SessionResult;

  constructor(private readonly options: SmtpClientOptions) {
    this.book = new RecipientBook(options.to);
    this.message = prepareMessage(options.message);
  }

  /** The result once the session is over. */
  get done(): SessionResult | undefined {
    return this.result;
  }

  handle(event: SessionEvent): SessionCommand[] {
    if (!this.result) this.dispatch(event);
    const out = this.out;
    this.out = [];
    return out;
  }

  private dispatch(event: SessionEvent): void {
    switch (event.type) {
      case 'connected':
        return this.expect('greeting', (r) => this.onGreeting(r));
      case 'received':
        return this.onReceived(event.bytes);
      case 'tlsEstablished':
        return this.onTlsEstablished(event.info);
      case 'tlsFailed':
        this.handshaking = false;
        this.tlsError = event.error;
        this.fail({ outcome: 'deferred', rule: 'RFC 3207 §4.1', ...said(text('session.tlsFailed', { error: event.error })) });
        return this.close();
      case 'timeout': {
        const waiting = this.pending[0]?.waitingFor ?? 'reply';
        this.protocolError('RFC 5321 §4.5.3.2', text('session.timeout', { waiting, ms: this.timeoutFor(this.pending[0]?.waitingFor ?? 'quit') }));
        return this.close();
      }
      case 'closed':
        if (this.handshaking && event.error) this.tlsError = event.error;
        else if (this.handshaking) {
          this.tlsErrorText = text('session.closedInHandshake');
          this.tlsError = english(this.tlsErrorText);
        }
        if (!this.quitting) this.protocolError('RFC 5321 §3.8', event.error ? text('session.closedEarlyWhy', { error: event.error }) : text('session.closedEarly'));
        this.closed = true;
        return this.finish();
    }
  }

  private onReceived(bytes: Uint8Array): void {
    if (this.handshaking) return this.discard(bytes.length);
    this.parser.feed(bytes);
    for (let parsed = this.parser.next(); parsed && !this.closed; parsed = this.parser.next()) {
      if (!parsed.ok) {
        this.protocolError(parsed.error.rule, text('session.malformedReply', { line: parsed.error.line, reason: parsed.error.reasonText }));
        return this.close();
      }
      const handler = this.pending.shift();
      if (!handler) {
        this.fail(failureFromReply(parsed.reply, 'RFC 5321 §4.2', text('session.unaskedReply')));
        return this.close();
      }
      handler.handle(parsed.reply);
      // RFC 3207 §6: nothing the server sent after its 220 may be acted on; drop it unread.
      if (this.handshaking) return this.discard(this.parser.discard());
    }
  }

  private discard(n: number): void {
    if (n === 0) return;
    this.discarded += n;
    this.out.push({ type: 'note', note: { rule: 'RFC 3207 §6', ...said(text('session.discarded', { count: n })), discardedBytes: n } });
  }

  private onGreeting(reply: ClientReply): void {
    if (reply.code !== REPLY.SERVICE_READY) {
      this.fail(failureFromReply(reply, 'RFC 5321 §3.1', text('session.noGreeting')));
      return this.quit();
    }
    this.stage = 'ehlo';
    this.ehlo();
  }

  private ehlo(): void {
    this.command(`EHLO ${this.options.clientName}`, 'ehlo', (reply) => {
      if (reply.code === REPLY.OK) return this.onExtensions(parseEhloLines(reply.lines));
      // RFC 5321 §3.2: a server that does not know EHLO answers 5yz; the client falls back to HELO.
      if (replyClass(reply.code) === 'permanent') return this.helo();
      this.fail(failureFromReply(reply, 'RFC 5321 §4.1.1.1', text('session.ehloRefused')));
      this.quit();
    });
  }

  private helo(): void {
    this.command(`HELO ${this.options.clientName}`, 'helo', (reply) => {
      if (reply.code === REPLY.OK) return this.onExtensions(noExtensions((reply.lines[0] ?? '').split(' ')[0]));
      this.fail(failureFromReply(reply, 'RFC 5321 §4.1.1.1', text('session.heloRefused')));
      this.quit();
    });
  }

  private onExtensions(ext: EhloExtensions): void {
    // RFC 3207 §4.2: after TLS the old list is gone; this reply replaces it.
    this.extensions = ext;
    if (this.tls) return this.mail();
    this.starttlsOffered = ext.starttls;
    this.askTls();
  }

  private askTls(refused?: ClientReply): void {
    const ext = this.extensions!;
    const choice = this.options.policy.tls({ extensions: ext, ...(refused ? { refused: { code: refused.code, text: refused.lines.join(' ') } } : {}) });
    this.note(choice.rule, choice.reason, choice.reasonText);
    if (choice.action === 'plaintext') return this.mail();
    if (choice.action === 'starttls' && !this.starttlsSent) {
      this.stage = 'starttls';
      this.starttlsSent = true;
      return this.command('STARTTLS', 'starttls', (reply) => this.onStarttls(reply));
    }
    const reason = choice.action === 'quit' ? { reason: choice.reason, ...(choice.reasonText ? { reasonText: choice.reasonText } : {}) } : said(text('session.starttlsTwice'));
    const rule = choice.action === 'quit' ? choice.rule : 'RFC 3207 §4.2';
    const enhancedStatus = choice.action === 'quit' ? choice.enhancedStatus : undefined;
    this.fail({ outcome: 'deferred', rule, ...reason, ...(enhancedStatus ? { enhancedStatus } : {}) });
    this.quit();
  }

  private onStarttls(reply: ClientReply): void {
    if (reply.code !== REPLY.SERVICE_READY) return this.askTls(reply);
    this.stage = 'tls';
    this.handshaking = true;
    this.out.push({ type: 'startTls', servername: this.options.serverName });
  }

  private onTlsEstablished(info: TlsInfo): void {
    if (!this.handshaking) return;
    this.handshaking = false;
    this.tls = info;
    this.extensions = undefined;
    const choice = this.options.policy.afterTls?.(info);
    if (choice) this.note(choice.rule, choice.reason, choice.reasonText);
    if (choice?.action === 'quit') {
      this.fail({ outcome: 'deferred', rule: choice.rule, reason: choice.reason, ...(choice.reasonText ? { reasonText: choice.reasonText } : {}), ...(choice.enhancedStatus ? { enhancedStatus: choice.enhancedStatus } : {}) });
      return this.quit();
    }
    // RFC 3207 §4.2: the client SHOULD send EHLO again.
    this.stage = 'ehlo';
    this.ehlo();
  }

  private mail(): void {
    this.stage = 'mail';
    const ext = this.extensions!;
    if (!this.message.ok) return this.failAndQuit({ outcome: 'bounced', rule: this.message.rule, reason: this.message.reason, reasonText: this.message.reasonText, enhancedStatus: this.message.enhancedStatus });
    const requireTls = this.options.requireTls ?? false;
    const input = { extensions: ext, requireTls, ...(this.tls ? { tls: this.tls } : {}) };
    const choice = this.options.policy.beforeMail?.(input) ?? defaultBeforeMail(input);
    if (choice.action === 'quit') {
      this.note(choice.rule, choice.reason, choice.reasonText);
      const { outcome, rule, reason, reasonText, enhancedStatus } = choice;
      return this.failAndQuit({ outcome, rule, reason, ...(reasonText ? { reasonText } : {}), ...(enhancedStatus ? { enhancedStatus } : {}) });
    }
    const line = mailFromLine({ from: this.options.from, to: this.options.to, size: this.message.size, eightBit: this.message.eightBit, requireTls: choice.requireTls, extensions: ext });
    this.sendOrFail(line, 'mail', (reply) => {
      if (reply.code !== REPLY.OK) return this.failAndQuit(failureFromReply(reply, 'RFC 5321 §4.1.1.2', text('session.mailRefused')));
      this.stage = 'rcpt';
      this.nextRcpt();
    });
  }

  private nextRcpt(): void {
    const to = this.options.to;
    while (this.rcptIndex < to.length) {
      const index = this.rcptIndex++;
      const line = rcptToLine(to[index]);
      if (!line.ok) {
        this.book.set(index, { recipient: to[index], ...line.failure });
        continue;
      }
      return this.command(line.line, 'rcpt', (reply) => {
        if (reply.code === REPLY.OK || reply.code === REPLY.WILL_FORWARD) this.accepted.push(index);
        else this.book.set(index, resultFromReply(to[index], reply, 'RFC 5321 §4.1.1.3'));
        this.nextRcpt();
      });
    }
    if (this.accepted.length === 0) return this.quit();
    this.stage = 'data';
    this.command('DATA', 'data', (reply) => this.onData(reply));
  }

  private onData(reply: ClientReply): void {
    if (reply.code !== REPLY.START_MAIL_INPUT) return this.settleAccepted(reply, 'RFC 5321 §4.1.1.4');
    const data = (this.message as Extract<PreparedMessage, { ok: true }>).data;
    this.out.push({ type: 'send', bytes: data, label: `message (${data.length} bytes)` });
    this.expect('data-end', (end) => this.settleAccepted(end, 'RFC 5321 §4.1.1.4'));
  }

  private settleAccepted(reply: ClientReply, rule: string): void {
    for (const index of this.accepted) this.book.set(index, resultFromReply(this.options.to[index], reply, rule));
    if (replyClass(reply.code) === 'positive-completion') this.stage = 'done';
    this.quit();
  }

  private failAndQuit(failure: SessionFailure): void {
    this.fail(failure);
    this.quit();
  }

  private sendOrFail(line: LineOrFailure, waitingFor: WaitingFor, handle: (reply: ClientReply) => void): void {
    if (!line.ok) return this.failAndQuit(line.failure);
    this.command(line.line, waitingFor, handle);
  }

  private quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    this.command('QUIT', 'quit', () => this.close());
  }

  private command(line: string, waitingFor: WaitingFor, handle: (reply: ClientReply) => void): void {
    this.out.push({ type: 'send', bytes: Buffer.from(`${line}\r\n`, 'utf8'), label: line });
    this.expect(waitingFor, handle);
  }

  private expect(waitingFor: WaitingFor, handle: (reply: ClientReply) => void): void {
    this.pending.push({ waitingFor, handle });
    this.out.push({ type: 'awaitReply', waitingFor, timeoutMs: this.timeoutFor(waitingFor) });
  }

  private timeoutFor(waitingFor: WaitingFor): number {
    return this.options.timeoutsMs?.[waitingFor] ?? RFC5321_TIMEOUTS_MS[waitingFor];
  }

  private note(rule: string, reason: string, reasonText?: Text): void {
    this.out.push({ type: 'note', note: { rule, reason, ...(reasonText ? { reasonText } : {}) } });
  }

  /** The first failure explains the session; later ones (e.g. the close after it) do not replace it. */
  private fail(failure: SessionFailure): void {
    this.failure ??= failure;
  }

  private protocolError(rule: string, reason: Text): void {
    if (!this.error && !this.failure) this.error = { rule, ...said(reason) };
    this.fail({ outcome: 'deferred', rule, ...said(reason) });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    this.out.push({ type: 'close' });
    this.finish();
  }

  private finish(): void {
    if (this.result) return;
    this.book.settleRest(this.failure ?? { outcome: 'deferred', rule: 'RFC 5321 §3.8', ...said(text('session.unjudged')) });
    this.result = {
      recipients: this.book.all(),
      stage: this.stage,
      starttlsOffered: this.starttlsOffered,
      discardedAfterStarttls: this.discarded,
      ...(this.extensions ? { extensions: this.extensions } : {}),
      ...(this.tls ? { tls: this.tls } : {}),
      ...(this.tlsError ? { tlsError: this.tlsError } : {}),
      ...(this.tlsErrorText ? { tlsErrorText: this.tlsErrorText } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
    this.out.push({ type: 'done', result: this.result });
  }
}
