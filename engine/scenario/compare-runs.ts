// Two runs side by side: a scenario as written and with one thing toggled (toggle.ts), each in a
// lab of its own at the same time, kept for their traces, aligned step by step (trace-align.ts).
import type { RunComparison, StoredRun } from '../../common/matrix.ts';
import type { SendOutcome } from '../../common/sender.ts';
import { newBatch, RunStore } from '../matrix/run-store.ts';
import type { LabPki } from '../pki/lab-pki.ts';
import { runScenario } from './run-scenario.ts';
import type { Scenario } from './scenario-schema.ts';
import { applyToggle } from './toggle.ts';
import { alignTraces, firstDifference } from './trace-align.ts';

export type CompareResult = { ok: true; comparison: RunComparison } | { ok: false; message: string };

export async function compareScenario(scenario: Scenario, toggle: string, options: { dataDir: string; pki?: LabPki; store?: RunStore }): Promise<CompareResult> {
  const toggled = applyToggle(scenario, toggle);
  if (!toggled.ok) return { ok: false, message: toggled.message };
  const store = options.store ?? new RunStore(options.dataDir);
  const batch = newBatch('c');
  const run = async (side: 'left' | 'right', s: Scenario): Promise<StoredRun> => {
    const id = `${batch}.${side}`;
    const report = await runScenario(id, s, { dataDir: options.dataDir, ...(options.pki ? { pki: options.pki } : {}) });
    const stored: StoredRun = { id, title: s.title, scenario: s, outcome: report.outcome, trace: report.trace, ...(report.error ? { error: report.error } : {}) };
    await store.save(stored);
    return stored;
  };
  const [left, right] = await Promise.all([run('left', scenario), run('right', toggled.scenario)]);
  await store.prune('c');
  const steps = alignTraces(left.trace, right.trace);
  const first = firstDifference(steps, left.trace, right.trace, { left: left.outcome?.stoppedBy ?? null, right: right.outcome?.stoppedBy ?? null });
  const explained = first?.explanation ? { ...first.explanation, summary: (first.explanation.side === 'right' ? right : left).trace[first.explanation.index].summary } : null;
  return {
    ok: true,
    comparison: {
      toggle,
      left,
      right,
      steps,
      firstDifference: first?.index ?? null,
      explanation: explained,
      headline: headline(toggle, left.outcome, right.outcome, explained, first !== null),
    },
  };
}

function outcomeWords(o: SendOutcome | null): string {
  if (!o) return 'did not run';
  const tls = o.tls ? `over ${o.tls.version}` : 'in plaintext';
  if (o.attackerRead) return o.delivered ? `delivered ${tls}, and the attacker read it` : 'taken by the attacker';
  if (o.delivered) return `delivered ${tls}`;
  return `not delivered${o.stoppedBy ? ` (${o.stoppedBy})` : ''}`;
}

/** "With sender.policy=dane, the sender stopped here, because RFC 7672 §3: ...; the message: ... → ...". */
function headline(toggle: string, left: SendOutcome | null, right: SendOutcome | null, explained: { side: 'left' | 'right'; summary: string } | null, differs: boolean): string {
  const change = `${outcomeWords(left)} → ${outcomeWords(right)}`;
  if (!differs) return `With ${toggle}, both runs took the same steps: ${change}.`;
  if (!explained) return `With ${toggle}, the runs part at the highlighted step: ${change}.`;
  const who = explained.side === 'right' ? `with ${toggle}` : `without ${toggle}`;
  return `The runs part at the highlighted step; ${who}: ${explained.summary}. The message: ${change}.`;
}
