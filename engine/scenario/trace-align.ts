// Two traces of the same scenario, one thing toggled, aligned step by step (a longest common
// subsequence over step keys) with the first step where they part and the decision row that
// explains it. Sans-IO: it reads two event lists. A step's key is what happened (layer, hop,
// direction, summary), not when: times, ports, flow ids, queue ids and byte counts are left out.
import type { AlignedStep } from '../../common/matrix.ts';
import type { TraceEvent } from '../../common/trace.ts';

export function stepKey(e: TraceEvent): string {
  const summary = e.summary
    .replace(/\b(?:Q\d{4,}|m\d+)\b/g, '#id')
    .replace(/\(\d+ octets?[^)]*\)/g, '(# octets)')
    .replace(/×\d+/g, '×#')
    .replace(/:\d{4,5}\b/g, ':#port')
    .replace(/\b\d+(?:\.\d+)? ?ms\b/g, '# ms');
  return `${e.layer}|${e.link.from}>${e.link.to}|${e.dir}|${summary}`;
}

/** Longest common subsequence of the keys; the steps in order, same or one-sided. */
export function alignTraces(left: readonly TraceEvent[], right: readonly TraceEvent[]): AlignedStep[] {
  const a = left.map(stepKey);
  const b = right.map(stepKey);
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = a[i] === b[j] ? lengths[at(i + 1, j + 1)] + 1 : Math.max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
    }
  }
  const steps: AlignedStep[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) steps.push({ left: i++, right: j++, same: true });
    else if (j >= m || (i < n && lengths[at(i + 1, j)] >= lengths[at(i, j + 1)])) steps.push({ left: i++, right: null, same: false });
    else steps.push({ left: null, right: j++, same: false });
  }
  return steps;
}

/**
 * Where a run's own delivery starts: the first row about the last message it queued (a scenario's
 * set-up may deliver an earlier one). Rows before it are the set-up, which differs by construction.
 */
export function deliveryStart(events: readonly TraceEvent[]): number {
  let last = '';
  for (const e of events) if (e.layer === 'policy' && typeof e.detail?.message === 'string' && e.detail.message > last) last = e.detail.message;
  const at = events.findIndex((e) => e.layer === 'policy' && e.detail?.message === last);
  return at < 0 ? 0 : at;
}

export interface Difference {
  /** Index into the steps. */
  index: number;
  explanation: { side: 'left' | 'right'; index: number } | null;
}

/**
 * The first step of the deliveries that differs, and the row that explains it, in this order: the
 * toggled run's refusal (the policy row with the rule it stopped by), the first run's refusal, the
 * attacker reading the message on either side, the first differing policy row.
 */
export function firstDifference(steps: readonly AlignedStep[], left: readonly TraceEvent[], right: readonly TraceEvent[], stoppedBy: { left: string | null; right: string | null } = { left: null, right: null }): Difference | null {
  const from = { left: deliveryStart(left), right: deliveryStart(right) };
  const inDelivery = (step: AlignedStep) => (step.right !== null ? step.right >= from.right : step.left! >= from.left);
  const index = steps.findIndex((s) => !s.same && inDelivery(s));
  if (index < 0) return null;
  const find = (side: 'left' | 'right', match: (e: TraceEvent) => boolean) => {
    const events = side === 'right' ? right : left;
    for (let k = index; k < steps.length; k++) {
      const i = steps[k][side];
      if (i !== null && !steps[k].same && match(events[i])) return { side, index: i };
    }
    return null;
  };
  const refusal = (rule: string | null) => (e: TraceEvent) => rule !== null && e.layer === 'policy' && e.rule === rule;
  const reads = (e: TraceEvent) => e.layer === 'attack' && (e.detail?.action === 'receive' || (e.detail?.action === 'learn' && e.detail?.what === 'message'));
  const policy = (e: TraceEvent) => e.layer === 'policy';
  const explanation =
    find('right', refusal(stoppedBy.right)) ??
    find('left', refusal(stoppedBy.left)) ??
    find('right', reads) ??
    find('left', reads) ??
    find('right', policy) ??
    find('left', policy);
  return { index, explanation };
}
