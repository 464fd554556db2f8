// Geometry of the sequence (ladder) diagram: which node gets which column, and where a row's
// arrow or note sits, in percent of the ladder's width.
import type { TraceEvent } from '../../../common/trace.ts';

/**
 * Nodes that have a fixed place, left to right; any other node follows in order of appearance.
 * The attacker's own MTA (the impostor) stands between the sender and the genuine receiver.
 */
export const PREFERRED_NODE_ORDER = ['terminal', 'mail.sender.example', 'attacker', 'mail.attacker.example', 'mx.example.jp'] as const;

/** Orders node ids: the preferred ones first (in their fixed order), then the rest as seen. */
export function orderNodes(seen: readonly string[]): string[] {
  const preferred = PREFERRED_NODE_ORDER.filter((id) => seen.includes(id));
  const others = seen.filter((id) => !(PREFERRED_NODE_ORDER as readonly string[]).includes(id));
  return [...preferred, ...others];
}

/** Keeps the columns of a growing trace without rescanning it: O(1) per event. */
export class NodeColumns {
  private readonly seen: string[] = [];
  private readonly known = new Set<string>();
  private ordered: string[] = [];

  /** Adds the nodes of these events; true when a new column appeared. */
  add(events: readonly TraceEvent[]): boolean {
    let changed = false;
    for (const event of events) {
      for (const id of [event.link.from, event.link.to]) {
        if (id && !this.known.has(id)) {
          this.known.add(id);
          this.seen.push(id);
          changed = true;
        }
      }
    }
    if (changed) this.ordered = orderNodes(this.seen);
    return changed;
  }

  get columns(): string[] {
    return this.ordered;
  }

  reset(): void {
    this.seen.length = 0;
    this.known.clear();
    this.ordered = [];
  }
}

/** Horizontal centre of a column, in percent. */
export function columnCenter(index: number, count: number): number {
  return ((index + 0.5) / count) * 100;
}

export type RowShape =
  /** A message on the wire from one lifeline to another. */
  | { kind: 'arrow'; left: number; width: number; toward: 'right' | 'left'; fromCol: number; toCol: number }
  /** Not a wire event (a policy decision, a note, a delivery): a box over the nodes involved. */
  | { kind: 'note'; left: number; width: number };

/** Where a row's arrow (c2s: from → to, s2c: to → from) or note goes, given the columns. */
export function rowShape(event: Pick<TraceEvent, 'link' | 'dir'>, columns: readonly string[]): RowShape {
  const count = Math.max(columns.length, 1);
  const fromIndex = Math.max(columns.indexOf(event.link.from), 0);
  const toIndex = Math.max(columns.indexOf(event.link.to), 0);
  if (event.dir === 'none' || fromIndex === toIndex) {
    const lo = Math.min(fromIndex, toIndex);
    const hi = Math.max(fromIndex, toIndex);
    const half = 50 / count;
    const left = Math.max(columnCenter(lo, count) - half * 0.9, 0);
    const right = Math.min(columnCenter(hi, count) + half * 0.9, 100);
    return { kind: 'note', left, width: right - left };
  }
  const [src, dst] = event.dir === 'c2s' ? [fromIndex, toIndex] : [toIndex, fromIndex];
  const a = columnCenter(src, count);
  const b = columnCenter(dst, count);
  return { kind: 'arrow', left: Math.min(a, b), width: Math.abs(b - a), toward: dst > src ? 'right' : 'left', fromCol: src, toCol: dst };
}

/** An arrow's label is at least this wide, in percent of the ladder. */
export const LABEL_MIN_WIDTH = 56;

/**
 * Where the summary text goes: centred on the arrow but at least `minWidth` percent wide (a short
 * arrow between neighbours still gets a readable label), kept inside the ladder.
 */
export function labelBox(shape: RowShape, minWidth = LABEL_MIN_WIDTH): { left: number; width: number } {
  const width = Math.min(Math.max(shape.width, minWidth), 100);
  const mid = shape.left + shape.width / 2;
  const left = Math.min(Math.max(mid - width / 2, 0), 100 - width);
  return { left, width };
}

/** A sender decision or an attacker action is a sentence: its label is made wide enough to be read. */
export const DECISION_MIN_WIDTH = 90;

const SENTENCE_LAYERS: ReadonlySet<TraceEvent['layer']> = new Set(['policy', 'attack']);

/**
 * Where a row's text (and a note's box) goes: arrows get a label box, notes their own box. `inView`
 * is the share of the ladder's width on screen (below 1 when it scrolls sideways): a label's least
 * width is a share of what the learner sees, so a sentence is not spread past the pane's edges.
 */
export function labelArea(event: Pick<TraceEvent, 'layer'>, shape: RowShape, inView = 1): { left: number; width: number } {
  if (SENTENCE_LAYERS.has(event.layer)) return labelBox(shape, DECISION_MIN_WIDTH * inView);
  return shape.kind === 'arrow' ? labelBox(shape, LABEL_MIN_WIDTH * inView) : { left: shape.left, width: shape.width };
}
