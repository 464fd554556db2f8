// The lab's one trace stream (DESIGN.md "Trace events"): every node and the network emit into
// it; the API, the CLI, lab checks and tests read it through TraceSource.

import { performance } from 'node:perf_hooks';
import type { TraceEvent, TracePage } from '../../common/trace.ts';
import type { TraceSource } from './trace-source.ts';
import { newestPage, type PageLimits } from './newest-page.ts';
import { traceEventSize } from './event-size.ts';

/** What an emitter supplies; the store assigns seq and t. */
export type TraceEventInput = Omit<TraceEvent, 'seq' | 't'>;

export interface TraceEmitter {
  emit(event: TraceEventInput): TraceEvent;
}

export interface TraceStoreOptions {
  /** Oldest events are dropped beyond this many, so a long session cannot exhaust memory. */
  maxEvents?: number;
  /** Oldest events are dropped while the events take more than this many bytes (estimated). */
  maxBytes?: number;
  /** performance.now() value the lab started at; t counts from here. */
  startedAt?: number;
}

export const DEFAULT_MAX_EVENTS = 200_000;
/** One event holds at most 1 MiB of raw bytes (rawOf), so a flood of large messages fills this in ~100 rows. */
export const DEFAULT_MAX_TRACE_BYTES = 128 * 1024 * 1024;
/** A snapshot page: small enough to stringify and send at once. */
export const TRACE_PAGE: PageLimits = { maxBytes: 8 * 1024 * 1024, limit: 5000 };

export class TraceStore implements TraceSource, TraceEmitter {
  private events: TraceEvent[] = [];
  /** Estimated size of each event, parallel to events. */
  private sizes: number[] = [];
  private head = 0;
  private seq = 0;
  private bytes = 0;
  private droppedCount = 0;
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  private readonly startedAt: number;
  /** Wall-clock time (ms since 1970) that t counts from, for exports with real timestamps. */
  readonly epochMs: number;
  private readonly listeners = new Set<(event: TraceEvent) => void>();
  private readonly clearListeners = new Set<() => void>();

  constructor(options: TraceStoreOptions = {}) {
    this.maxEvents = Math.max(1, options.maxEvents ?? DEFAULT_MAX_EVENTS);
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_MAX_TRACE_BYTES);
    this.startedAt = options.startedAt ?? performance.now();
    this.epochMs = performance.timeOrigin + this.startedAt;
  }

  emit(input: TraceEventInput): TraceEvent {
    const event: TraceEvent = {
      seq: ++this.seq,
      t: Math.round((performance.now() - this.startedAt) * 1000) / 1000,
      ...input,
    };
    const size = traceEventSize(event);
    this.events.push(event);
    this.sizes.push(size);
    this.bytes += size;
    // The newest event always stays, however large.
    while (this.events.length - this.head > 1 && (this.events.length - this.head > this.maxEvents || this.bytes > this.maxBytes)) {
      this.bytes -= this.sizes[this.head];
      this.head++;
      this.droppedCount++;
    }
    // Compacting only once the dropped prefix is large keeps emit O(1) amortised.
    if (this.head > 1024 && this.head * 4 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('trace listener failed:', err);
      }
    }
    return event;
  }

  all(): TraceEvent[] {
    return this.events.slice(this.head);
  }

  get size(): number {
    return this.events.length - this.head;
  }

  /** Estimated bytes the kept events take. */
  get byteSize(): number {
    return this.bytes;
  }

  /** Events forgotten to stay within the bounds since the start or the last clear. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** The newest events before seq `before` (all when absent) that fit in one page, oldest first. */
  page(query: { before?: number; limits?: Partial<PageLimits> } = {}): TracePage {
    const limits = { ...TRACE_PAGE, ...query.limits };
    const end = query.before === undefined ? this.events.length : this.indexBefore(query.before);
    const { start } = newestPage((i) => this.sizes[i], end, this.head, limits);
    return { events: this.events.slice(start, end), older: start - this.head, dropped: this.droppedCount };
  }

  subscribe(listener: (event: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the events; seq keeps counting so it stays strictly increasing within the run. */
  clear(): void {
    this.events = [];
    this.sizes = [];
    this.head = 0;
    this.bytes = 0;
    this.droppedCount = 0;
    for (const listener of this.clearListeners) {
      try {
        listener();
      } catch (err) {
        console.error('trace clear listener failed:', err);
      }
    }
  }

  /** Index of the first kept event whose seq is not below `seq` (seqs increase strictly). */
  private indexBefore(seq: number): number {
    let low = this.head;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.events[mid].seq < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  onCleared(listener: () => void): () => void {
    this.clearListeners.add(listener);
    return () => this.clearListeners.delete(listener);
  }
}
