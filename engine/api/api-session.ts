// One renderer connection, independent of its transport: validated client messages in, server
// messages out. The WebSocket server and the Electron IPC bridge both drive it.
import type { DnsEditResult } from '../../common/dns.ts';
import { messageOf, told, text, type Text } from '../../common/i18n/text.ts';
import type { ClientMessage, Locale, ServerMessage } from '../../common/protocol.ts';
import { parseClientMessage } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import type { Course, CourseEvent } from '../course/course.ts';
import { TraceBatcher } from './trace-batcher.ts';
import { captureReply } from '../export/lab-capture.ts';
import { followLabState, sendLabSnapshots } from './lab-state-feed.ts';

/** The terminal side an ApiSession needs (engine/pty's PtyManager provides it). */
export interface PtyHost {
  /** locale: the UI's language; the shell's lab tools speak it, and follow the handle's setLocale. */
  open(cols: number, rows: number, listeners: { data(data: string): void; exit(exitCode: number, signal?: number): void }, locale?: Locale): PtyHandle;
}

export interface PtyHandle {
  readonly id: number;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  ack(count: number): void;
  setLocale(locale: Locale): void;
  kill(): void;
}

const MAX_PTYS_PER_SESSION = 16;

export interface ApiSessionOptions {
  lab: LabRuntime;
  /** null: this connection gets no terminal. */
  ptys: PtyHost | null;
  send(message: ServerMessage): void;
  systemLocale: Locale;
  /** The guided labs of this lab (docs/labs.md); absent: no labs. */
  course?: Course;
  traceFlushMs?: number;
  traceBatchSize?: number;
}

export class ApiSession {
  private readonly ptys = new Map<number, PtyHandle>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly batcher: TraceBatcher;
  private subscribed = false;
  private disposed = false;

  constructor(private readonly options: ApiSessionOptions) {
    this.batcher = new TraceBatcher((events) => this.send({ type: 'trace', events }), options.traceFlushMs, options.traceBatchSize);
  }

  /** An untrusted message from the renderer, already JSON-decoded. */
  receive(raw: unknown): void {
    if (this.disposed) return;
    const message = parseClientMessage(raw);
    if (!message) {
      this.refuse(text('api.malformed'));
      return;
    }
    this.handle(message);
  }

  /** The connection is gone: stop streaming and kill its terminals. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.batcher.discard();
    for (const stop of this.unsubscribe) stop();
    for (const pty of this.ptys.values()) pty.kill();
    this.ptys.clear();
  }

  get openPtyCount(): number {
    return this.ptys.size;
  }

  private handle(message: ClientMessage): void {
    switch (message.type) {
      case 'hello':
        return this.welcome();
      case 'trace.clear':
        return this.options.lab.trace.clear();
      case 'trace.export':
        if (message.run !== undefined) {
          const run = message.run;
          void import('./matrix-api.ts').then(({ storedRunCapture }) => storedRunCapture(run, this.options.lab.dataDir)).then((capture) => this.send({ type: 'trace.export', capture }));
          return;
        }
        return this.send({ type: 'trace.export', capture: this.options.lab.capture ? captureReply(this.options.lab.capture.export(message.flows ? { flows: message.flows } : {})) : null });
      case 'trace.older':
        return this.send({ type: 'trace.older', page: this.options.lab.trace.page({ before: message.before }) });
      case 'mailbox.older':
        return this.send({ type: 'mailbox.older', page: this.options.lab.mailbox.page({ before: message.before }) });
      case 'pty.open':
        return this.openPty(message.cols, message.rows, message.locale);
      case 'pty.input':
        return this.withPty(message.id, (pty) => pty.write(message.data));
      case 'pty.resize':
        return this.withPty(message.id, (pty) => pty.resize(message.cols, message.rows));
      case 'pty.ack':
        return this.withPty(message.id, (pty) => pty.ack(message.bytes));
      case 'pty.locale':
        return this.withPty(message.id, (pty) => pty.setLocale(message.locale));
      case 'pty.close':
        return this.withPty(message.id, (pty) => {
          pty.kill();
          this.ptys.delete(message.id);
        });
      case 'dns.zones':
      case 'dns.edit':
      case 'dns.mode':
      case 'dns.query':
        return this.handleDns(message);
      case 'send.submit':
      case 'send.retry':
      case 'tlsrpt.flush':
        return this.handleSender(message);
      case 'dmarc.flush': {
        const dmarc = this.options.lab.dmarc;
        if (!dmarc) return this.refuse(text('api.area', { area: 'dmarc', message: text('api.noDmarc') }));
        dmarc.flush().catch((error: Error) => this.refuse(text('api.area', { area: 'dmarc', message: error.message })));
        return;
      }
      case 'policy.set': {
        const host = this.options.lab.policyHost;
        if (!host) return this.refuse(text('api.noPolicyHost'));
        host.set(message.domain, message.text, message.lesson);
        // A session that follows the host already got the new entries from its subscription.
        if (!this.subscribed) this.send({ type: 'policy.entries', entries: host.entries() });
        return;
      }
      case 'attack.set':
      case 'attack.off':
        return this.handleAttack(message);
      case 'postconf.edit':
      case 'postconf.reset': {
        const postconf = this.options.lab.postconf;
        if (!postconf) return this.refuse(text('api.noMainCf'));
        if (message.type === 'postconf.reset') return postconf.reset();
        // The new state follows through the subscription, to every connection.
        return this.send({ type: 'postconf.result', result: 'text' in message ? postconf.replace(message.text) : postconf.edit(message.assignments) });
      }
      case 'labs.list':
      case 'lab.open':
      case 'lab.reset':
      case 'lab.progress.reset':
      case 'lab.quiz.answer':
        return this.handleLab(message);
      case 'matrix.run':
      case 'run.open':
      case 'compare.run':
      case 'scenarios.list':
        // The matrix (and the scenario schema it validates with) is loaded on first use, not at start.
        void import('./matrix-api.ts').then(({ handleMatrixMessage }) => handleMatrixMessage(message, this.options.lab.dataDir, (reply) => this.send(reply)));
        return;
      case 'checker.run': {
        const checker = this.options.lab.checker;
        if (!checker) return this.refuse(text('api.noChecker'));
        // A session that follows the checker gets the result from its subscription, as every other does.
        checker.run(message.domain).then((result) => {
          if (!this.subscribed) this.send({ type: 'checker.result', result });
        });
        return;
      }
    }
  }

  private handleLab(message: Extract<ClientMessage, { type: 'labs.list' | `lab.${string}` }>): void {
    const course = this.options.course;
    if (!course) return this.refuse(text('api.noCourse'));
    const answer = (result: { ok: true; value: unknown } | { ok: false; message: string; messageText?: Text }) => {
      if (!result.ok) this.refuse(text('api.area', { area: 'lab', message: messageOf(result) }));
    };
    switch (message.type) {
      case 'labs.list':
        return this.send({ type: 'labs.list', labs: course.list(), active: course.active });
      case 'lab.open':
      case 'lab.reset':
        // lab.state and lab.reset reach every connection through the course's events.
        (message.type === 'lab.open' ? course.open(message.id) : course.reset(message.id)).then(answer, (error: Error) => this.refuse(text('api.area', { area: 'lab', message: error.message })));
        return;
      case 'lab.progress.reset':
        return answer(course.resetProgress(message.id));
      case 'lab.quiz.answer':
        return answer(course.answer(message.id, message.question, message.choice));
    }
  }

  /** A course event as protocol messages; after a reset, fresh snapshots of what the reset changed. */
  private courseEvent(event: CourseEvent): void {
    this.batcher.flush();
    if (event.type === 'state') return this.send({ type: 'lab.state', state: event.state });
    if (event.type === 'list') return this.send({ type: 'labs.list', labs: event.labs, active: this.options.course?.active ?? null });
    this.send({ type: 'lab.reset', id: event.id });
    sendLabSnapshots(this.options.lab, (message) => this.send(message));
    if (this.options.lab.dnsService) this.send({ type: 'dns.zones', zones: this.options.lab.dnsService.zones() });
  }

  private handleSender(message: Extract<ClientMessage, { type: 'send.submit' | 'send.retry' | 'tlsrpt.flush' }>): void {
    const sender = this.options.lab.sender;
    if (!sender) return this.refuse(text('api.noSender'));
    switch (message.type) {
      case 'send.submit': {
        const result = sender.submit(message.request);
        if (!result.ok) this.send({ type: 'send.refused', message: result.message, ...(result.messageText ? { messageText: result.messageText } : {}) });
        return;
      }
      case 'send.retry':
        if (!sender.retry(message.id)) this.refuse(text('api.notWaiting', { id: message.id }));
        return;
      case 'tlsrpt.flush':
        sender.flushReports().catch((error: Error) => this.refuse(text('api.area', { area: 'tlsrpt', message: error.message })));
    }
  }

  private handleAttack(message: Extract<ClientMessage, { type: 'attack.set' | 'attack.off' }>): void {
    const attacker = this.options.lab.attacker;
    if (!attacker) return this.refuse(text('api.noAttacker'));
    const done = message.type === 'attack.off' ? attacker.off().then(() => undefined) : attacker.set(message.name, message.params).then((r) => (r.ok ? undefined : messageOf(r)));
    done.then(
      (refusal) => refusal && this.refuse(text('api.area', { area: 'attack', message: refusal })),
      (error: Error) => this.refuse(text('api.area', { area: 'attack', message: error.message })),
    );
  }

  private handleDns(message: Extract<ClientMessage, { type: `dns.${string}` }>): void {
    const dns = this.options.lab.dnsService;
    if (!dns) return this.refuse(text('api.noDns'));
    switch (message.type) {
      case 'dns.zones':
        return this.send({ type: 'dns.zones', zones: dns.zones() });
      case 'dns.edit': {
        const { op, zone, name, rrtype, ttl, value } = message;
        return this.afterChange('edit', dns.edit({ op, zone, name, type: rrtype, ttl, value }));
      }
      case 'dns.mode':
        return this.afterChange('mode', dns.setMode(message.zone, message.mode));
      case 'dns.query':
        dns.query(message.name, message.rrtype, { validate: message.validate }).then(
          (reply) => this.send({ type: 'dns.answer', answer: reply.answer }),
          (error: Error) => this.refuse(text('api.area', { area: 'dns.query', message: error.message })),
        );
    }
  }

  /** The result, then the zones as they now are, so every view of the editor shows the change. */
  private afterChange(request: 'edit' | 'mode', result: DnsEditResult): void {
    this.send({ type: 'dns.result', request, result });
    if (result.ok && this.options.lab.dnsService) this.send({ type: 'dns.zones', zones: this.options.lab.dnsService.zones() });
  }

  private welcome(): void {
    const { lab, systemLocale } = this.options;
    this.batcher.flush();
    // Snapshot and subscription in the same tick: no event falls between them. Only the newest
    // page of each: the renderer asks for older ones, so no snapshot grows with the lab's history.
    const trace = lab.trace.page();
    const mailbox = lab.mailbox.page();
    this.send({
      type: 'welcome',
      hosts: lab.hosts(),
      trace: trace.events,
      mailbox: mailbox.messages,
      systemLocale,
      traceOlder: trace.older,
      traceDropped: trace.dropped,
      mailboxOlder: mailbox.older,
      mailboxDropped: mailbox.dropped,
    });
    sendLabSnapshots(this.options.lab, (message) => this.send(message));
    this.sendCourse();
    if (this.subscribed) return;
    this.subscribed = true;
    this.unsubscribe.push(
      lab.trace.subscribe((event) => this.batcher.push(event)),
      lab.trace.onCleared(() => {
        this.batcher.discard();
        this.send({ type: 'trace.cleared' });
      }),
      lab.mailbox.subscribe((message) => {
        // Trace rows that led to the message arrive first.
        this.batcher.flush();
        this.send({ type: 'mailbox.added', message });
      }),
    );
    if (lab.mailbox.onDropped) this.unsubscribe.push(lab.mailbox.onDropped((dropped) => this.send({ type: 'mailbox.dropped', ids: dropped.map((m) => m.id) })));
    this.unsubscribe.push(...followLabState(this.options.lab, (message) => this.send(message), () => this.batcher.flush()));
    if (this.options.course) this.unsubscribe.push(this.options.course.subscribe((event) => this.courseEvent(event)));
  }

  /** The labs menu and the open lab, after every welcome. */
  private sendCourse(): void {
    const course = this.options.course;
    if (!course) return;
    this.send({ type: 'labs.list', labs: course.list(), active: course.active });
    const active = course.active && course.state(course.active);
    if (active) this.send({ type: 'lab.state', state: active });
  }

  private openPty(cols: number, rows: number, locale?: Locale): void {
    if (!this.options.ptys) {
      this.refuse(text('api.noTerminal'));
      return;
    }
    // A renderer stuck in a reconnect loop must not fill the machine with shells.
    if (this.ptys.size >= MAX_PTYS_PER_SESSION) {
      this.refuse(text('api.tooManyTerminals', { count: MAX_PTYS_PER_SESSION }));
      return;
    }
    let pty: PtyHandle;
    try {
      pty = this.options.ptys.open(cols, rows, {
        data: (data) => this.send({ type: 'pty.data', id: pty.id, data }),
        exit: (exitCode, signal) => {
          this.ptys.delete(pty.id);
          this.send(signal ? { type: 'pty.exit', id: pty.id, exitCode, signal } : { type: 'pty.exit', id: pty.id, exitCode });
        },
      }, locale);
    } catch (error) {
      this.refuse(text('api.noShell', { error: (error as Error).message }));
      return;
    }
    this.ptys.set(pty.id, pty);
    this.send({ type: 'pty.opened', id: pty.id });
  }

  /** A terminal belongs to the connection that opened it; other ids are refused. */
  private withPty(id: number, action: (pty: PtyHandle) => void): void {
    const pty = this.ptys.get(id);
    if (pty) action(pty);
    else this.refuse(text('api.noTerminalId', { id }));
  }

  /** An error the learner reads: English for logs and tests, the Text for the UI's language. */
  private refuse(value: Text): void {
    this.send({ type: 'error', ...told(value) });
  }

  private send(message: ServerMessage): void {
    if (!this.disposed) this.options.send(message);
  }
}
