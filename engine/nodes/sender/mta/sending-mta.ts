// The sending MTA mail.sender.example: a queue of outbound messages, each tried in rounds
// (deliver-round.ts) until it is delivered or bounced, deferred messages retried on a schedule
// (RFC 5321 §4.5.4.1, shortened for a lab), a notice for every outcome, and TLS-RPT reports.
// Nothing is lost: an unexpected error in a round defers the message like a network failure.
import type { OutboundMessage, SendOutcome, SendRequest, TlsRptReportInfo } from '../../../../common/sender.ts';
import type { SenderService, SubmitResult } from '../../../lab/lab-runtime.ts';
import { TlsRptAggregator } from '../../../policy/tlsrpt/aggregator.ts';
import { messageIdOf } from '../../../protocol/message-id.ts';
import { composeMessage } from './compose-message.ts';
import { deliveryRound, type DeliveryDeps, type RecipientFinal, type RoundResult } from './deliver-round.ts';
import { MtaStsState } from './mta-sts-state.ts';
import { deliveryNotice } from './notice.ts';
import { PolicyTrace } from './policy-trace.ts';
import { senderProfile } from './sender-profile.ts';
import { TlsRptReports } from './tlsrpt-reports.ts';

/** Lab retry schedule: real MTAs wait 30 minutes and more (RFC 5321 §4.5.4.1); learners should not. */
export const DEFAULT_RETRY_MS = [15_000, 30_000, 60_000, 120_000];

export interface SendingMtaOptions extends Omit<DeliveryDeps, 'mtaSts' | 'tlsrpt'> {
  retryMs?: number[];
  /** DKIM-signs a report message before it is queued (RFC 8460 §5.3). */
  signReport?(message: Buffer): Promise<Buffer>;
  /** POSTs a gzipped TLS-RPT report to an https rua. */
  postReport(url: string, gzipped: Buffer): Promise<{ ok: boolean; detail: string }>;
  /** The verdict on a message after a round (who got it, who read it); the sender alone cannot know. */
  judge?(message: OutboundMessage): SendOutcome;
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
    if (problem) return { ok: false, message: problem };
    const id = this.nextId();
    const composed = composeMessage(request, this.options.now(), id);
    return { ok: true, message: this.enqueue(id, request, composed.bytes, composed.messageId) };
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

  /** Stops the retry timers; messages in flight finish their round. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
  }

  private nextId(): string {
    this.counter += 1;
    return `Q${String(this.counter).padStart(4, '0')}`;
  }

  private enqueue(id: string, request: SendRequest, bytes: Buffer, messageId: string): OutboundMessage {
    const message: OutboundMessage = { id, messageId, queuedAt: new Date(this.options.now()).toISOString(), request, state: 'queued', attempts: [], nextRetryAt: null, notice: null, outcome: null };
    const entry: Entry = { message, bytes, finals: new Map(), rounds: 0, running: false, waiters: [] };
    this.entries.set(id, entry);
    this.changed(entry);
    void this.run(entry);
    return clone(message);
  }

  private async run(entry: Entry): Promise<void> {
    if (this.closed) return;
    entry.running = true;
    entry.rounds += 1;
    entry.message.state = 'delivering';
    entry.message.nextRetryAt = null;
    this.changed(entry);
    let round: RoundResult;
    try {
      const request = { ...entry.message.request, to: pendingOf(entry) };
      round = await deliveryRound({ id: entry.message.id, request, profile: senderProfile(entry.message.request), message: entry.bytes }, this.deps);
    } catch (err) {
      const reason = `the delivery attempt stopped on an internal error (${(err as Error).message}); the message stays queued`;
      round = { attempts: [], recipients: pendingOf(entry).map((recipient) => ({ recipient, outcome: 'deferred', status: '4.3.0', rule: 'RFC 5321 §4.5.4.1', reason })) };
    }
    this.settle(entry, round);
  }

  private settle(entry: Entry, round: RoundResult): void {
    const { message } = entry;
    message.attempts.push(...round.attempts);
    const schedule = this.options.retryMs ?? DEFAULT_RETRY_MS;
    const recipients: RecipientFinal[] = round.recipients.map((r) =>
      r.outcome === 'deferred' && entry.rounds > schedule.length
        ? { ...r, outcome: 'bounced', status: '5.4.7', rule: 'RFC 5321 §4.5.4.1', reason: `gave up after ${entry.rounds} rounds of attempts; last: ${r.reason}` }
        : r,
    );
    for (const r of recipients) entry.finals.set(r.recipient, r);
    const everyone = [...entry.finals.values()];
    const stillQueued = pendingOf(entry).length > 0;
    message.state = stillQueued ? 'deferred' : everyone.some((r) => r.outcome === 'bounced') ? 'bounced' : 'delivered';
    if (stillQueued && !this.closed) {
      const wait = schedule[Math.min(entry.rounds - 1, schedule.length - 1)];
      message.nextRetryAt = new Date(this.options.now() + wait).toISOString();
      entry.timer = setTimeout(() => void this.run(entry), wait);
      entry.timer.unref();
    }
    const remote = [...round.attempts].reverse().find((a) => a.result === 'delivered')?.mxHost ?? round.attempts.at(-1)?.mxHost ?? null;
    message.notice = deliveryNotice(message, everyone, this.options.now(), remote);
    message.outcome = this.options.judge?.(message) ?? null;
    entry.running = false;
    this.changed(entry);
    const waiters = entry.waiters.splice(0);
    for (const resolve of waiters) resolve(clone(message));
  }

  private changed(entry: Entry): void {
    const snapshot = clone(entry.message);
    for (const listener of this.listeners) listener(snapshot);
  }

  private async mailReport(from: string, to: string, bytes: Buffer, subject: string): Promise<{ ok: boolean; detail: string }> {
    const id = this.nextId();
    const request: SendRequest = { from, to: [to], subject, body: '(TLS-RPT report: application/tlsrpt+gzip attachment)', policy: 'opportunistic' };
    const signed = this.options.signReport ? await this.options.signReport(bytes) : bytes;
    this.enqueue(id, request, signed, messageIdOf(bytes) ?? `<${id}@sender.example>`);
    const done = await this.settled(id);
    return { ok: done.state === 'delivered', detail: `queue ${id}: ${done.state}${done.notice ? ` (${done.notice.status})` : ''}` };
  }
}

/** The recipients a round still tries: never tried yet, or deferred last time. */
function pendingOf(entry: Entry): string[] {
  return entry.message.request.to.filter((recipient) => (entry.finals.get(recipient)?.outcome ?? 'deferred') === 'deferred');
}

function checkRequest(request: SendRequest): string | null {
  const domains = new Set(request.to.map((to) => to.split('@')[1]?.toLowerCase()));
  if (domains.size !== 1) return 'all recipients of one message must share one domain';
  if (!request.from.includes('@')) return `"${request.from}" is not an address`;
  return null;
}
