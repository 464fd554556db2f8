// The Matrix tab's state: the matrix as last run, the run a cell opened (its trace in a TraceStore
// of its own, so the ladder components show it), and a comparison of two runs.
import type { Text } from '../../../common/i18n/text.ts';
import type { MatrixCell, MatrixReport, RunComparison, StoredRun } from '../../../common/matrix.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import { TraceStore } from './trace-store.svelte.ts';

export type MatrixMessage = Extract<ServerMessage, { type: 'matrix.result' | 'run.opened' | 'compare.result' }>;

/** A stored run shown as a ladder: its own store, selection and filters apart from the live trace. */
export function runTraceStore(run: StoredRun): TraceStore {
  const store = new TraceStore();
  store.reset(run.trace, 0, 0);
  return store;
}

/** Selects a row and asks the ladder showing the store to scroll it into view. */
function reveal(store: TraceStore | null, seq: number): void {
  if (!store) return;
  store.select(seq);
  store.revealed++;
}

export class MatrixStore {
  report = $state.raw<MatrixReport | null>(null);
  running = $state(false);
  /** What went wrong, as the engine said it (a Text for the reader's language, or an English string). */
  error = $state.raw<Text | string | null>(null);
  /** The cell whose run is open (its trace below the table). */
  cell = $state.raw<MatrixCell | null>(null);
  run = $state.raw<StoredRun | null>(null);
  runTrace = $state.raw<TraceStore | null>(null);
  loadingRun = $state(false);
  comparison = $state.raw<RunComparison | null>(null);
  comparing = $state(false);
  compareError = $state.raw<Text | string | null>(null);
  sides = $state.raw<{ left: TraceStore; right: TraceStore } | null>(null);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  runMatrix(): void {
    if (this.running) return;
    this.running = true;
    this.error = null;
    this.send({ type: 'matrix.run' });
  }

  open(cell: MatrixCell): void {
    this.cell = cell;
    this.run = null;
    this.runTrace = null;
    this.comparison = null;
    this.sides = null;
    this.compareError = null;
    this.loadingRun = true;
    this.send({ type: 'run.open', id: cell.run });
  }

  close(): void {
    this.cell = null;
    this.run = null;
    this.runTrace = null;
    this.comparison = null;
    this.sides = null;
  }

  compare(toggle: string): void {
    if (!this.run || this.comparing || toggle.trim().length < 3) return;
    this.comparing = true;
    this.compareError = null;
    this.send({ type: 'compare.run', run: this.run.id, toggle: toggle.trim() });
  }

  receive(message: MatrixMessage): void {
    switch (message.type) {
      case 'matrix.result':
        this.running = false;
        this.report = message.report;
        this.error = message.errorText ?? message.error ?? null;
        return;
      case 'run.opened':
        if (this.cell?.run !== message.id) return;
        this.loadingRun = false;
        this.run = message.run;
        this.runTrace = message.run ? runTraceStore(message.run) : null;
        if (message.run && this.cell.evidence) reveal(this.runTrace, this.cell.evidence.seq);
        return;
      case 'compare.result': {
        this.comparing = false;
        this.compareError = message.errorText ?? message.error ?? null;
        this.comparison = message.comparison;
        const c = message.comparison;
        this.sides = c ? { left: runTraceStore(c.left), right: runTraceStore(c.right) } : null;
        const first = c && c.firstDifference !== null ? c.steps[c.firstDifference] : null;
        if (c && first && this.sides) {
          if (first.left !== null) reveal(this.sides.left, c.left.trace[first.left].seq);
          if (first.right !== null) reveal(this.sides.right, c.right.trace[first.right].seq);
        }
        return;
      }
    }
  }

  /** Selects one aligned step's events in the two ladders of the comparison. */
  showStep(left: { seq: number } | null, right: { seq: number } | null): void {
    if (!this.sides) return;
    if (left) reveal(this.sides.left, left.seq);
    if (right) reveal(this.sides.right, right.seq);
  }

  /** The engine said no (a refused message): stop waiting. */
  failed(): void {
    this.running = false;
    this.comparing = false;
    this.loadingRun = false;
  }
}
