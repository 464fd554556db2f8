// The live trace as the ladder shows it. Events are append-only and never deep-mutated, so the
// array is $state.raw: 100k events stay plain objects, not 100k proxies.
import type { TraceEvent, TraceLayer, TracePage } from '../../../common/trace.ts';
import { NodeColumns } from './ladder.ts';
import { firstSeqOfFlow } from './trace-flow.ts';
import { indexOfSeq } from './windowing.ts';

export const LAYERS: readonly TraceLayer[] = ['tcp', 'smtp', 'tls', 'dns', 'https', 'policy', 'attack', 'mailbox', 'note'];

type LayerCounts = Record<TraceLayer, number>;
const zeroCounts = (): LayerCounts => Object.fromEntries(LAYERS.map((layer) => [layer, 0])) as LayerCounts;

function rawCharsOf(events: readonly TraceEvent[]): number {
  let chars = 0;
  for (const event of events) chars += event.raw?.length ?? 0;
  return chars;
}

function withCounted(counts: LayerCounts, events: readonly TraceEvent[]): LayerCounts {
  const next = { ...counts };
  for (const event of events) next[event.layer] = (next[event.layer] ?? 0) + 1;
  return next;
}

/** The renderer keeps at most this many rows (and about this many raw bytes), dropping the oldest. */
export const MAX_EVENTS = 100_000;
export const MAX_RAW_CHARS = 64 * 1024 * 1024;

export class TraceStore {
  /** The events this page holds, in seq order. */
  events = $state.raw<TraceEvent[]>([]);
  /** Events the lab still keeps before the first one here: the ladder offers to load them. */
  older = $state(0);
  /** The oldest events of this run nobody can show any more (the lab or this page let them go). */
  dropped = $state(0);
  /** A page of older events was asked for and has not come yet. */
  loadingOlder = $state(false);
  /** Ladder columns: node ids in display order. */
  columns = $state.raw<string[]>([]);
  counts = $state.raw<LayerCounts>(zeroCounts());
  /** Layers the learner switched off. */
  hidden = $state.raw<ReadonlySet<TraceLayer>>(new Set());
  selectedSeq = $state<number | null>(null);
  /** Show only what an eavesdropper on each link could read. */
  eavesdropper = $state(false);
  /** Bumped when a row is selected from outside the ladder, so the ladder scrolls it into view. */
  revealed = $state(0);

  /** The rows the ladder shows: all events unless some layers are switched off. */
  visible = $derived.by(() => {
    const hidden = this.hidden;
    const events = this.events;
    return hidden.size === 0 ? events : events.filter((event) => !hidden.has(event.layer));
  });

  selected = $derived.by(() => {
    if (this.selectedSeq === null) return null;
    const i = indexOfSeq(this.events, this.selectedSeq);
    return i < 0 ? null : this.events[i];
  });

  private readonly nodeColumns = new NodeColumns();
  private rawChars = 0;

  /** The snapshot of a (re)connection replaces everything. */
  reset(events: TraceEvent[], older = 0, dropped = 0): void {
    this.older = older;
    this.dropped = dropped;
    this.loadingOlder = false;
    this.rawChars = rawCharsOf(events);
    this.nodeColumns.reset();
    this.nodeColumns.add(events);
    this.columns = this.nodeColumns.columns;
    this.counts = withCounted(zeroCounts(), events);
    this.events = events.slice();
    if (this.selectedSeq !== null && indexOfSeq(this.events, this.selectedSeq) < 0) this.selectedSeq = null;
  }

  append(batch: TraceEvent[]): void {
    if (batch.length === 0) return;
    const last = this.events.length ? this.events[this.events.length - 1].seq : -Infinity;
    // A batch that overlaps the snapshot (sent around a reconnection) must not duplicate rows.
    const fresh = batch[0].seq > last ? batch : batch.filter((event) => event.seq > last);
    if (fresh.length === 0) return;
    if (this.nodeColumns.add(fresh)) this.columns = this.nodeColumns.columns;
    this.counts = withCounted(this.counts, fresh);
    this.rawChars += rawCharsOf(fresh);
    this.events = this.bounded(this.events.concat(fresh));
  }

  /** A page of older events asked for with trace.older: they go before the first row. */
  prepend(page: TracePage): void {
    this.loadingOlder = false;
    const first = this.events.length ? this.events[0].seq : Infinity;
    const fresh = page.events.filter((event) => event.seq < first);
    this.older = page.older;
    this.dropped = Math.max(this.dropped, page.dropped);
    if (fresh.length === 0) return;
    if (this.nodeColumns.add(fresh)) this.columns = this.nodeColumns.columns;
    this.counts = withCounted(this.counts, fresh);
    this.rawChars += rawCharsOf(fresh);
    this.events = fresh.concat(this.events);
  }

  /** seq of the first row, to ask the lab for the page before it; null when there is none. */
  firstSeq(): number | null {
    return this.events.length ? this.events[0].seq : null;
  }

  /** Drops the oldest rows beyond the page's own bounds, counting them as dropped. */
  private bounded(events: TraceEvent[]): TraceEvent[] {
    let drop = 0;
    while (events.length - drop > 1 && (events.length - drop > MAX_EVENTS || this.rawChars > MAX_RAW_CHARS)) {
      this.rawChars -= events[drop].raw?.length ?? 0;
      this.counts = { ...this.counts, [events[drop].layer]: this.counts[events[drop].layer] - 1 };
      drop++;
    }
    if (drop === 0) return events;
    // What went here is still kept by the lab, unless the lab let it go as well.
    this.older += drop;
    return events.slice(drop);
  }

  cleared(): void {
    this.reset([], 0, 0);
    this.selectedSeq = null;
  }

  toggleLayer(layer: TraceLayer): void {
    const next = new Set(this.hidden);
    if (next.has(layer)) next.delete(layer);
    else next.add(layer);
    this.hidden = next;
  }

  showAllLayers(): void {
    this.hidden = new Set();
  }

  select(seq: number | null): void {
    this.selectedSeq = seq;
  }

  /** Selects the first row of a connection; its layers are shown again if they were all switched off. */
  selectFlow(flow: string): boolean {
    let seq = firstSeqOfFlow(this.visible, flow);
    if (seq === null) {
      seq = firstSeqOfFlow(this.events, flow);
      if (seq === null) return false;
      this.showAllLayers();
    }
    this.selectedSeq = seq;
    this.revealed++;
    return true;
  }
}
