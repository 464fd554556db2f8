// How much memory and JSON a trace event takes, roughly: its strings dominate. Used to bound the
// trace by bytes, not by count, and to cut snapshots and batches into pages of a known size.
import type { TraceEvent } from '../../common/trace.ts';

/** Fixed cost of an event object and its JSON punctuation. */
const EVENT_OVERHEAD = 160;

/** Events never change once emitted: the store and every session's batcher share one measurement. */
const measured = new WeakMap<TraceEvent, number>();

export function traceEventSize(event: TraceEvent): number {
  const known = measured.get(event);
  if (known !== undefined) return known;
  let size = EVENT_OVERHEAD + event.summary.length + event.flow.length + event.link.from.length + event.link.to.length;
  if (event.raw) size += event.raw.length;
  if (event.rule) size += event.rule.length;
  if (event.attack) size += event.attack.before.length + event.attack.after.length;
  if (event.detail) size += JSON.stringify(event.detail).length;
  measured.set(event, size);
  return size;
}
