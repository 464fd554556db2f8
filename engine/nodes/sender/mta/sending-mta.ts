// The sending MTA mail.sender.example: a queue of outbound messages, each tried in rounds
// (deliver-round.ts) until it is delivered or bounced, deferred messages retried on a schedule
// (RFC 5321 §4.5.4.1, shortened for a lab), a notice for every outcome, and TLS-RPT reports.
// Nothing is lost: an unexpected error in a round defers the message like a network failure, and
// with a QueueStore every queued message is on disk until it is delivered or bounced, so a lab
// killed mid-delivery takes it up again when it next starts.
import { english, reasonOf, said, text, told, type Text } from '../../../../common/i18n/text.ts';
import { errorSentence } from '../../../../common/i18n/text-error.ts';
import type { OutboundMessage, SendOutcome, SendRequest, TlsRptReportInfo } from '../../../../common/sender.ts';
import type { SenderService, SubmitResult } from './sender-service.ts';
import { TlsRptAggregator } from '../../../policy/tlsrpt/aggregator.ts';
import { messageIdOf } from '../../../protocol/message-id.ts';
import { composeMessage } from './compose-message.ts';
import { deliveryRound, type DeliveryDeps, type RecipientFinal, type RoundResult } from './deliver-round.ts';
import { MtaStsState } from './mta-sts-state.ts';
import { DeliverySlots } from './delivery-slots.ts';
import { deliveryNotice } from './notice.ts';
import { PolicyTrace } from './policy-trace.ts';
import type { QueueLoad, QueueStore } from './queue-store.ts';
import { senderProfile } from './sender-profile.ts';
import type { SmtpTlsSettings } from '../../../postconf/effective-settings.ts';
import { TlsRptReports, type ReportSent } from './tlsrpt-reports.ts';

/** Lab retry schedule: real MTAs wait 30 minutes and more (RFC 5321 §4.5.4.1); learners should not. */
export const DEFAULT_RETRY_MS = [15_000, 30_000, 60_000, 120_000];

export interface SendingMtaOptions extends Omit<DeliveryDeps, 'mtaSts' | 'tlsrpt'> {
  retryMs?: number[];
  /** DKIM-signs a report message before it is queued (RFC 8460 §5.3). */
  signReport?(message: Buffer): Promise<Buffer>;
  /**
   * DKIM-signs a submitted message before its first delivery, as OpenDKIM on non_smtpd_milters
   * does; resolves to the bytes unchanged when it does not sign them (no key for the From domain,
   * signing off, already signed).
   */
  signOutgoing?(message: Buffer): Promise<Buffer>;
  /** POSTs a gzipped TLS-RPT report to an https rua. */
  postReport(url: string, gzipped: Buffer): Promise<ReportSent>;
  /** The verdict on a message after a round (who got it, who read it); the sender alone cannot know. */
  judge?(message: OutboundMessage): SendOutcome;
  /** The sender's main.cf TLS settings, read at every round as Postfix reads main.cf after a reload. */
  smtpTls?(): SmtpTlsSettings;
  /** Where queued messages are kept; absent: in memory only (a lab started for one delivery, tests). */
  queue?: QueueStore;
}

interface Entry {
  message: OutboundMessage;
  bytes: Buffer;
  /** The latest word on every recipient, across rounds. */
  finals: Map<string, RecipientFinal>;
  rounds: number;
  timer?: NodeJS.Timeout;
  running: boolean;
  waiters: ((message: OutboundMessage) => void)[];
}

const clone = (m: OutboundMessage): OutboundMessage => structuredClone(m);

export class SendingMta implements SenderService {
  readonly mtaSts = new MtaStsState();
  readonly tlsrpt = new TlsRptAggregator();
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(message: OutboundMessage) => void>();
  private readonly reportListeners = new Set<(reports: TlsRptReportInfo[]) => void>();
  private readonly reportsBuilder: TlsRptReports;
  private readonly deps: DeliveryDeps;
  private readonly slots = new DeliverySlots();
  private counter = 0;
  private closed = false;

  constructor(private readonly options: SendingMtaOptions) {
    this.deps = { ...options, mtaSts: this.mtaSts, tlsrpt: this.tlsrpt };
    this.reportsBuilder = new TlsRptReports({
      aggregator: this.tlsrpt,
      resolver: () => options.resolver(false),
      now: options.now,
      mail: (from, to, bytes, subject) => this.mailReport(from, to, bytes, subject),
      post: options.postReport,
      note: (domain, note) => new PolicyTrace(options.trace, options.nextFlow(), { messageId: '-', policy: 'tlsrpt', domain }).emit(note),
    });
  }

  submit(request: SendRequest): SubmitResult {
    const problem = checkRequest(request);
    if (problem) return { ok: false, ...told(problem) };
    const id = this.nextId();
    const composed = composeMessage(request, this.options.now(), id);
    try {
      return { ok: true, message: this.enqueue(id, request, composed.bytes, composed.messageId) };
    } catch (err) {
      // Not on disk, not accepted: the submitter hears it now (an MTA answers 451 4.3.0).
      return { ok: false, ...told(text('submit.queueFailed', { error: errorSentence(err) })) };
    }
  }

  /**
   * Takes up what a previous lab left in the queue (killed, crashed or stopped with messages
   * deferred): each is tried again now and ends delivered, deferred or bounced with a notice.
   */
  resume(load: QueueLoad): OutboundMessage[] {
    const note = (reasonText: Text, messageId = '-') =>
      new PolicyTrace(this.options.trace, this.options.nextFlow(), { messageId, policy: 'queue', domain: '-' }).emit({ decision: 'queue', rule: 'RFC 5321 §4.5.4.1', reasonText });
    for (const path of load.unreadable) note(text('queue.unreadable', { path }));
    const resumed: Entry[] = [];
    const now = new Date(this.options.now()).toISOString();
    // New ids continue after every id on disk.
    for (const saved of load.messages) this.counter = Math.max(this.counter, Number(saved.message.id.slice(1)) || 0);
    for (const saved of load.messages) {
      const taken = this.entries.has(saved.message.id);
      const id = taken ? this.nextId() : saved.message.id;
      const was = saved.message.state;
      const message: OutboundMessage = { ...saved.message, id, state: 'queued', nextRetryAt: null, resumedAt: now };
      const entry: Entry = { message, bytes: saved.bytes, finals: new Map(saved.finals.map((f) => [f.recipient, f])), rounds: saved.rounds, running: false, waiters: [] };
      this.entries.set(id, entry);
      if (taken || saved.source) {
        this.persist(entry);
        if (saved.source) this.options.queue?.forget(saved.source);
      }
      const story = { id, was: saved.message.id, state: text(`state.${was}`), rounds: saved.rounds };
      note(text(taken ? 'queue.resumedRenamed' : 'queue.resumed', story), id);
      resumed.push(entry);
    }
    for (const entry of resumed) {
      this.changed(entry);
      void this.run(entry);
    }
    return resumed.map((entry) => clone(entry.message));
  }

  settled(id: string): Promise<OutboundMessage> {
    const entry = this.entries.get(id);
    if (!entry) return Promise.reject(new Error(`no message ${id}`));
    if (!entry.running && entry.message.state !== 'queued') return Promise.resolve(clone(entry.message));
    return new Promise((resolve) => entry.waiters.push(resolve));
  }

  retry(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.running || entry.message.state !== 'deferred') return false;
    clearTimeout(entry.timer);
    void this.run(entry);
    return true;
  }

  outbox(): OutboundMessage[] {
    return [...this.entries.values()].map((e) => clone(e.message)).reverse();
  }

  subscribe(listener: (message: OutboundMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reports(): TlsRptReportInfo[] {
    return this.reportsBuilder.list();
  }

  async flushReports(): Promise<TlsRptReportInfo[]> {
    const fresh = await this.reportsBuilder.flush();
    const all = this.reportsBuilder.list();
    for (const listener of this.reportListeners) listener(all);
    return fresh;
  }

  onReports(listener: (reports: TlsRptReportInfo[]) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  /**
   * A lab reset: every queued message is dropped with its retry timer, and the MTA-STS cache is
   * forgotten. A round in flight still finishes and answers its waiters, but is not retried.
   */
  reset(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    this.mtaSts.clear();
  }

  /** Stops the retry timers; messages in flight finish their round. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.options.queue?.close();
  }

  /** Messages not yet delivered or bounced, oldest first (what mailq lists). */
  pending(): OutboundMessage[] {
    return [...this.entries.values()].filter((e) => e.message.state !== 'delivered' && e.message.state !== 'bounced').map((e) => clone(e.message));
  }

  private nextId(): string {
    this.counter += 1;
    return `Q${String(this.counter).padStart(4, '0')}`;
  }

  private enqueue(id: string, request: SendRequest, bytes: Buffer, messageId: string, tlsrptReport = false): OutboundMessage {
    const message: OutboundMessage = { id, messageId, queuedAt: new Date(this.options.now()).toISOString(), request, state: 'queued', attempts: [], nextRetryAt: null, notice: null, outcome: null, size: bytes.length, ...(tlsrptReport ? { tlsrptReport } : {}) };
    const entry: Entry = { message, bytes, finals: new Map(), rounds: 0, running: false, waiters: [] };
    // On disk before anyone is told it is queued.
    this.options.queue?.save(this.queued(entry));
    this.entries.set(id, entry);
    this.changed(entry);
    void this.run(entry);
    return clone(message);
  }

  private async run(entry: Entry): Promise<void> {
    if (this.closed) return;
    entry.running = true;
    const release = await this.slots.acquire();
    try {
      if (!this.closed) await this.round(entry);
    } finally {
      release();
    }
  }

  private async round(entry: Entry): Promise<void> {
    entry.rounds += 1;
    entry.message.state = 'delivering';
    entry.message.nextRetryAt = null;
    this.changed(entry);
    let round: RoundResult;
    try {
      const request = { ...entry.message.request, to: pendingOf(entry) };
      if (this.options.signOutgoing) {
        entry.bytes = await this.options.signOutgoing(entry.bytes);
        entry.message.size = entry.bytes.length;
      }
      round = await deliveryRound(
        { id: entry.message.id, request, profile: senderProfile(entry.message.request, this.options.smtpTls?.()), message: entry.bytes, uncounted: entry.message.tlsrptReport === true },
        this.deps,
      );
    } catch (err) {
      const reason = said(text('queue.internalError', { error: errorSentence(err) }));
      round = { attempts: [], recipients: pendingOf(entry).map((recipient) => ({ recipient, outcome: 'deferred', status: '4.3.0', rule: 'RFC 5321 §4.5.4.1', ...reason })) };
    }
    this.settle(entry, round);
  }

  private settle(entry: Entry, round: RoundResult): void {
    const { message } = entry;
    message.attempts.push(...round.attempts);
    const schedule = this.options.retryMs ?? DEFAULT_RETRY_MS;
    const recipients: RecipientFinal[] = round.recipients.map((r) =>
      r.outcome === 'deferred' && entry.rounds > schedule.length
        ? { ...r, outcome: 'bounced', status: '5.4.7', rule: 'RFC 5321 §4.5.4.1', ...said(text('queue.gaveUp', { rounds: entry.rounds, reason: reasonOf(r) })) }
        : r,
    );
    for (const r of recipients) entry.finals.set(r.recipient, r);
    const everyone = [...entry.finals.values()];
    const stillQueued = pendingOf(entry).length > 0;
    message.state = stillQueued ? 'deferred' : everyone.some((r) => r.outcome === 'bounced') ? 'bounced' : 'delivered';
    const dropped = this.entries.get(message.id) !== entry;
    if (stillQueued && !this.closed && !dropped) {
      const wait = schedule[Math.min(entry.rounds - 1, schedule.length - 1)];
      message.nextRetryAt = new Date(this.options.now() + wait).toISOString();
      entry.timer = setTimeout(() => void this.run(entry), wait);
      entry.timer.unref();
    }
    const remote = [...round.attempts].reverse().find((a) => a.result === 'delivered')?.mxHost ?? round.attempts.at(-1)?.mxHost ?? null;
    message.notice = deliveryNotice(message, everyone, this.options.now(), remote);
    message.outcome = this.options.judge?.(message) ?? null;
    this.persist(entry);
    entry.running = false;
    if (!dropped) this.changed(entry);
    const waiters = entry.waiters.splice(0);
    for (const resolve of waiters) resolve(clone(message));
  }

  /** Deferred: the file holds the latest state; delivered or bounced: it leaves the queue. */
  private persist(entry: Entry): void {
    const queue = this.options.queue;
    if (!queue) return;
    try {
      if (entry.message.state === 'delivered' || entry.message.state === 'bounced') queue.remove(entry.message.id);
      else queue.save(this.queued(entry));
    } catch (err) {
      new PolicyTrace(this.options.trace, this.options.nextFlow(), { messageId: entry.message.id, policy: 'queue', domain: '-' }).emit({
        decision: 'queue',
        rule: 'RFC 5321 §4.5.4.1',
        reasonText: text('queue.notWritten', { id: entry.message.id, error: errorSentence(err) }),
      });
    }
  }

  private queued(entry: Entry) {
    return { message: entry.message, bytes: entry.bytes, finals: [...entry.finals.values()], rounds: entry.rounds };
  }

  private changed(entry: Entry): void {
    const snapshot = clone(entry.message);
    for (const listener of this.listeners) listener(snapshot);
  }

  private async mailReport(from: string, to: string, bytes: Buffer, subject: string): Promise<ReportSent> {
    const id = this.nextId();
    const request: SendRequest = { from, to: [to], subject, body: '(TLS-RPT report: application/tlsrpt+gzip attachment)', policy: 'opportunistic' };
    const signed = this.options.signReport ? await this.options.signReport(bytes) : bytes;
    // Sent as opportunistic TLS whatever main.cf says: reports MUST go out despite TLS failures,
    // and their own sessions SHOULD NOT be counted in the next report (RFC 8460 §3).
    this.enqueue(id, request, signed, messageIdOf(bytes) ?? `<${id}@sender.example>`, true);
    const done = await this.settled(id);
    const state = text(`state.${done.state}`);
    const detailText = done.notice ? text('rptSend.queuedStatus', { id, state, status: done.notice.status }) : text('rptSend.queued', { id, state });
    return { ok: done.state === 'delivered', detail: english(detailText), detailText };
  }
}

/** The recipients a round still tries: never tried yet, or deferred last time. */
function pendingOf(entry: Entry): string[] {
  return entry.message.request.to.filter((recipient) => (entry.finals.get(recipient)?.outcome ?? 'deferred') === 'deferred');
}

function checkRequest(request: SendRequest): Text | null {
  const domains = new Set(request.to.map((to) => to.split('@')[1]?.toLowerCase()));
  if (domains.size !== 1) return text('submit.oneDomain');
  if (!request.from.includes('@')) return text('submit.notAddress', { address: request.from });
  return null;
}
