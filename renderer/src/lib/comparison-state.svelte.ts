// One comparison of two runs as a view shows it: running, its result with a ladder store for each
// run, or why it was refused. A matrix cell and a scenario file each have their own.
import type { Text } from '../../../common/i18n/text.ts';
import type { RunComparison, StoredRun } from '../../../common/matrix.ts';
import type { ServerMessage } from '../../../common/protocol.ts';
import { TraceStore } from './trace-store.svelte.ts';

export type CompareResultMessage = Extract<ServerMessage, { type: 'compare.result' }>;

/** A stored run shown as a ladder: its own store, selection and filters apart from the live trace. */
export function runTraceStore(run: StoredRun): TraceStore {
  const store = new TraceStore();
  store.reset(run.trace, 0, 0);
  return store;
}

/** Selects a row and asks the ladder showing the store to scroll it into view. */
export function reveal(store: TraceStore | null, seq: number): void {
  if (!store) return;
  store.select(seq);
  store.revealed++;
}

export class ComparisonState {
  comparison = $state.raw<RunComparison | null>(null);
  sides = $state.raw<{ left: TraceStore; right: TraceStore } | null>(null);
  comparing = $state(false);
  /** What went wrong, as the engine said it (a Text for the reader's language, or an English string). */
  error = $state.raw<Text | string | null>(null);

  begin(): void {
    this.comparing = true;
    this.error = null;
  }

  clear(): void {
    this.comparison = null;
    this.sides = null;
    this.comparing = false;
    this.error = null;
  }

  /** The engine's answer: both ladders, each with the first difference selected and in view. */
  settle(message: CompareResultMessage): void {
    this.comparing = false;
    this.error = message.errorText ?? message.error ?? null;
    const c = message.comparison;
    this.comparison = c;
    this.sides = c ? { left: runTraceStore(c.left), right: runTraceStore(c.right) } : null;
    const first = c && c.firstDifference !== null ? c.steps[c.firstDifference] : null;
    if (c && first && this.sides) {
      if (first.left !== null) reveal(this.sides.left, c.left.trace[first.left].seq);
      if (first.right !== null) reveal(this.sides.right, c.right.trace[first.right].seq);
    }
  }

  /** Selects one aligned step's events in the two ladders. */
  showStep(left: { seq: number } | null, right: { seq: number } | null): void {
    if (!this.sides) return;
    if (left) reveal(this.sides.left, left.seq);
    if (right) reveal(this.sides.right, right.seq);
  }
}
