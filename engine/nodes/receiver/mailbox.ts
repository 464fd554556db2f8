import type { RejectedMessage } from '../../../common/auth.ts';
import type { MailboxMessage, MailboxPage } from '../../../common/lab.ts';
import type { MailboxSource } from './mailbox-source.ts';
import { newestPage, type PageLimits } from '../../trace/newest-page.ts';

export const MAX_MESSAGES = 1000;
export const MAX_REJECTED = 200;
/** The receiver takes messages of up to 10 MiB: this keeps about a dozen of the largest. */
export const DEFAULT_MAX_MAILBOX_BYTES = 128 * 1024 * 1024;
/** A snapshot page: at least one message, whatever its size. */
export const MAILBOX_PAGE: PageLimits = { maxBytes: 16 * 1024 * 1024, limit: 200 };

export interface MailboxOptions {
  maxMessages?: number;
  /** The oldest messages go while the kept ones take more than this (estimated). */
  maxBytes?: number;
}

/** What a message costs in memory and in JSON, roughly: its strings. */
export function messageSize(message: MailboxMessage): number {
  let size = 512 + message.text.length + message.received.length + message.subject.length;
  for (const [name, value] of message.headers) size += name.length + value.length + 8;
  return size;
}

/**
 * What arrived at the receiver, in arrival order. Bounded by count and by bytes: the oldest go
 * first, and every one that goes is reported to the drop listeners (the receiver puts a note in
 * the trace), so nothing vanishes without a word.
 */
export class Mailbox implements MailboxSource {
  private messages: MailboxMessage[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  private droppedCount = 0;
  private readonly maxMessages: number;
  private readonly maxBytes: number;
  private readonly listeners = new Set<(message: MailboxMessage) => void>();
  private readonly dropListeners = new Set<(dropped: MailboxMessage[]) => void>();
  private counter = 0;
  /** Messages refused at the end of DATA by the receiver's checks, newest last (the mail log's lines). */
  private refused: RejectedMessage[] = [];

  constructor(options: MailboxOptions = {}) {
    this.maxMessages = Math.max(1, options.maxMessages ?? MAX_MESSAGES);
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_MAX_MAILBOX_BYTES);
  }

  nextId(): string {
    return `m${++this.counter}`;
  }

  add(message: MailboxMessage): void {
    const size = messageSize(message);
    this.messages.push(message);
    this.sizes.push(size);
    this.bytes += size;
    let drop = 0;
    while (this.messages.length - drop > 1 && (this.messages.length - drop > this.maxMessages || this.bytes > this.maxBytes)) {
      this.bytes -= this.sizes[drop];
      drop++;
    }
    const dropped = this.messages.splice(0, drop);
    this.sizes.splice(0, drop);
    this.droppedCount += drop;
    if (dropped.length) this.notify(this.dropListeners, dropped);
    this.notify(this.listeners, message);
  }

  list(): MailboxMessage[] {
    return [...this.messages];
  }

  /** Notes a message the receiver refused (kept: the latest MAX_REJECTED). */
  addRejected(entry: RejectedMessage): void {
    this.refused.push(entry);
    if (this.refused.length > MAX_REJECTED) this.refused.splice(0, this.refused.length - MAX_REJECTED);
  }

  rejected(): RejectedMessage[] {
    return [...this.refused];
  }

  /** Empties the mailbox (a lab reset); ids keep counting so none is given twice in a run. */
  clear(): void {
    this.refused = [];
    this.messages = [];
    this.sizes = [];
    this.bytes = 0;
  }

  /** Estimated bytes of the kept messages. */
  get byteSize(): number {
    return this.bytes;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** The newest messages that arrived before message `before` (all when absent) and fit in a page, oldest first. */
  page(query: { before?: string; limits?: Partial<PageLimits> } = {}): MailboxPage {
    const limits = { ...MAILBOX_PAGE, ...query.limits };
    const at = query.before === undefined ? -1 : this.messages.findIndex((m) => m.id === query.before);
    const end = at < 0 ? (query.before === undefined ? this.messages.length : 0) : at;
    const { start } = newestPage((i) => this.sizes[i], end, 0, limits);
    return { messages: this.messages.slice(start, end), older: start, dropped: this.droppedCount };
  }

  subscribe(listener: (message: MailboxMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with the messages let go to stay within the bounds, oldest first. */
  onDropped(listener: (dropped: MailboxMessage[]) => void): () => void {
    this.dropListeners.add(listener);
    return () => this.dropListeners.delete(listener);
  }

  private notify<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        console.error('mailbox listener failed:', err);
      }
    }
  }
}
