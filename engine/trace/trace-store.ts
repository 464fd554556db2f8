// The lab's one trace stream (DESIGN.md "Trace events"): every node and the network emit into
// it; the API, the CLI, lab checks and tests read it through TraceSource.

import { performance } from 'node:perf_hooks';
import type { TraceEvent } from '../../common/trace.ts';
import type { TraceSource } from '../lab/lab-runtime.ts';

/** What an emitter supplies; the store assigns seq and t. */
export type TraceEventInput = Omit<TraceEvent, 'seq' | 't'>;

export interface TraceEmitter {
  emit(event: TraceEventInput): TraceEvent;
}

export interface TraceStoreOptions {
  /** Oldest events are dropped beyond this many, so a long session cannot exhaust memory. */
  maxEvents?: number;
  /** performance.now() value the lab started at; t counts from here. */
  startedAt?: number;
}

export const DEFAULT_MAX_EVENTS = 200_000;

export class TraceStore implements TraceSource, TraceEmitter {
  private events: TraceEvent[] = [];
  private head = 0;
  private seq = 0;
  private readonly maxEvents: number;
  private readonly startedAt: number;
  private readonly listeners = new Set<(event: TraceEvent) => void>();
  private readonly clearListeners = new Set<() => void>();

  constructor(options: TraceStoreOptions = {}) {
    this.maxEvents = Math.max(1, options.maxEvents ?? DEFAULT_MAX_EVENTS);
    this.startedAt = options.startedAt ?? performance.now();
  }

  emit(input: TraceEventInput): TraceEvent {
    const event: TraceEvent = {
      seq: ++this.seq,
      t: Math.round((performance.now() - this.startedAt) * 1000) / 1000,
      ...input,
    };
    this.events.push(event);
    if (this.events.length - this.head > this.maxEvents) this.head++;
    // Compacting only once the dropped prefix is large keeps emit O(1) amortised.
    if (this.head > 1024 && this.head * 4 > this.events.length) {
      this.events = this.events.slice(this.head);
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

  subscribe(listener: (event: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the events; seq keeps counting so it stays strictly increasing within the run. */
  clear(): void {
    this.events = [];
    this.head = 0;
    for (const listener of this.clearListeners) {
      try {
        listener();
      } catch (err) {
        console.error('trace clear listener failed:', err);
      }
    }
  }

  onCleared(listener: () => void): () => void {
    this.clearListeners.add(listener);
    return () => this.clearListeners.delete(listener);
  }
}
