import type { TraceEvent } from '../../common/trace.ts';

/**
 * Collects trace events and hands them on in batches: one message per flush interval, or at once
 * when a batch is full, so a burst of bytes becomes a few messages instead of thousands.
 */
export class TraceBatcher {
  private pending: TraceEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushTo: (events: TraceEvent[]) => void,
    private readonly intervalMs = 16,
    private readonly maxEvents = 256,
  ) {}

  push(event: TraceEvent): void {
    this.pending.push(event);
    if (this.pending.length >= this.maxEvents) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.flushTo(events);
  }

  /** Drops what is not sent yet (the trace was cleared) and stops the timer. */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
