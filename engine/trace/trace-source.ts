// What a lab's trace offers its readers (the API, the CLI, lab checks, tests).
import type { TraceEvent, TracePage } from '../../common/trace.ts';

export interface TraceSource {
  /** Every event so far, in seq order. */
  all(): TraceEvent[];
  /** The newest events before seq `before` (or the newest of all) that fit in one snapshot page. */
  page(query?: { before?: number }): TracePage;
  /** Called for every new event, in order. Returns the unsubscribe function. */
  subscribe(listener: (event: TraceEvent) => void): () => void;
  clear(): void;
  onCleared(listener: () => void): () => void;
}
