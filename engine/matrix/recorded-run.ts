// One scenario run kept for a later look (run-store.ts): its trace and outcome, and the TLS keys
// of its sessions with the trace's clock, so that the run exports as a capture that decrypts.
import type { StoredRun } from '../../common/matrix.ts';
import { runScenario, type RunScenarioOptions } from '../scenario/run-scenario.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

export async function recordRun(id: string, scenario: Scenario, options: Omit<RunScenarioOptions, 'beforeClose'>): Promise<StoredRun> {
  let keys: { keylog: string; epochMs: number } | null = null;
  const report = await runScenario(id, scenario, { ...options, beforeClose: (lab) => void (keys = { keylog: lab.capture.keyLog(), epochMs: lab.trace.epochMs }) });
  return { id, title: scenario.title, scenario, outcome: report.outcome, trace: report.trace, ...(report.error ? { error: report.error } : {}), ...(report.errorText ? { errorText: report.errorText } : {}), ...(keys ?? {}) };
}
