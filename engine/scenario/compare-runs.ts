// Two runs side by side: a scenario as written and with one thing toggled (toggle.ts), each in a
// lab of its own at the same time, kept for their traces, aligned step by step (trace-align.ts).
import type { RunComparison, StoredRun } from '../../common/matrix.ts';
import type { SendOutcome } from '../../common/sender.ts';
import { recordRun } from '../matrix/recorded-run.ts';
import { newBatch, RunStore } from '../matrix/run-store.ts';
import type { LabPki } from '../pki/lab-pki.ts';
import type { Scenario } from './scenario-schema.ts';
import { applyToggle } from './toggle.ts';
import { alignTraces, firstDifference } from './trace-align.ts';
import { summaryText } from './ladder-text.ts';
import { english, text, type Text } from '../../common/i18n/text.ts';

export type CompareResult = { ok: true; comparison: RunComparison } | { ok: false; message: string; messageText: Text };

export async function compareScenario(scenario: Scenario, toggle: string, options: { dataDir: string; pki?: LabPki; store?: RunStore }): Promise<CompareResult> {
  const toggled = applyToggle(scenario, toggle);
  if (!toggled.ok) return toggled;
  const store = options.store ?? new RunStore(options.dataDir);
  const batch = newBatch('c');
  const run = async (side: 'left' | 'right', s: Scenario): Promise<StoredRun> => {
    const id = `${batch}.${side}`;
    const stored = await recordRun(id, s, { dataDir: options.dataDir, ...(options.pki ? { pki: options.pki } : {}) });
    await store.save(stored);
    return stored;
  };
  const [left, right] = await Promise.all([run('left', scenario), run('right', toggled.scenario)]);
  await store.prune('c');
  const steps = alignTraces(left.trace, right.trace);
  const first = firstDifference(steps, left.trace, right.trace, { left: left.outcome?.stoppedBy ?? null, right: right.outcome?.stoppedBy ?? null });
  const explainedRow = first?.explanation ? (first.explanation.side === 'right' ? right : left).trace[first.explanation.index] : null;
  const explained = first?.explanation && explainedRow ? { ...first.explanation, summary: explainedRow.summary } : null;
  const headlineText = headline(toggle, left.outcome, right.outcome, explained && explainedRow ? { side: explained.side, summary: summaryText(explainedRow) } : null, first !== null);
  return {
    ok: true,
    comparison: {
      toggle,
      left,
      right,
      steps,
      firstDifference: first?.index ?? null,
      explanation: explained,
      headline: english(headlineText),
      headlineText,
    },
  };
}

function outcomeWords(o: SendOutcome | null): Text {
  if (!o) return text('compare.didNotRun');
  const tls = o.tls ? text('compare.overTls', { version: o.tls.version }) : text('compare.inPlaintext');
  if (o.attackerRead) return o.delivered ? text('compare.deliveredRead', { tls }) : text('compare.taken');
  if (o.delivered) return text('compare.delivered', { tls });
  return o.stoppedBy ? text('compare.notDeliveredBy', { rule: o.stoppedBy }) : text('compare.notDelivered');
}

/** "With sender.policy=dane, the sender stopped here, because RFC 7672 §3: ...; the message: ... → ...". */
function headline(toggle: string, left: SendOutcome | null, right: SendOutcome | null, explained: { side: 'left' | 'right'; summary: Text | string } | null, differs: boolean): Text {
  const change = text('compare.change', { left: outcomeWords(left), right: outcomeWords(right) });
  if (!differs) return text('compare.same', { toggle, change });
  if (!explained) return text('compare.parts', { toggle, change });
  return text(explained.side === 'right' ? 'compare.partsWith' : 'compare.partsWithout', { toggle, summary: explained.summary, change });
}
