import type { TraceEvent } from '../../common/trace.ts';
import { traceEventSize } from '../trace/event-size.ts';

/**
 * Collects trace events and hands them on in batches: one message per flush interval, or at once
 * when a batch is full (by count or by bytes), so a burst of bytes becomes a few messages instead
 * of thousands, and no message grows past a few MiB of JSON.
 */
export class TraceBatcher {
  private pending: TraceEvent[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushTo: (events: TraceEvent[]) => void,
    private readonly intervalMs = 16,
    private readonly maxEvents = 256,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  push(event: TraceEvent): void {
    const size = traceEventSize(event);
    if (this.pending.length > 0 && this.pendingBytes + size > this.maxBytes) this.flush();
    this.pending.push(event);
    this.pendingBytes += size;
    if (this.pending.length >= this.maxEvents || this.pendingBytes >= this.maxBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.flushTo(events);
  }

  /** Drops what is not sent yet (the trace was cleared) and stops the timer. */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
