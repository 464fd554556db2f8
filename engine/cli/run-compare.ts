// smtp-lab run FILE --toggle KEY=VALUE --compare [--json]: the scenario as written and with one
// thing toggled, run side by side; the two ladders aligned with the first difference marked.
import type { RunComparison } from '../../common/matrix.ts';
import type { TraceEvent } from '../../common/trace.ts';
import { defaultDataDir } from '../lab/data-dir.ts';
import { compareScenario } from '../scenario/compare-runs.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

const COLUMN = 58;

export async function runCompare(scenario: Scenario, toggle: string, json: boolean): Promise<number> {
  const result = await compareScenario(scenario, toggle, { dataDir: defaultDataDir() });
  if (!result.ok) {
    process.stderr.write(`smtp-lab run --toggle: ${result.message}\n`);
    return 2;
  }
  process.stdout.write(json ? `${JSON.stringify(result.comparison)}\n` : comparisonText(result.comparison));
  return 0;
}

const cell = (e: TraceEvent | undefined) => {
  if (!e) return ''.padEnd(COLUMN);
  const text = `${e.layer.padEnd(6)} ${e.summary}`;
  return (text.length > COLUMN ? `${text.slice(0, COLUMN - 1)}…` : text).padEnd(COLUMN);
};

export function comparisonText(c: RunComparison): string {
  const lines = [`${'as written'.padEnd(COLUMN)}   with ${c.toggle}`, ''];
  for (const [k, step] of c.steps.entries()) {
    const left = step.left !== null ? c.left.trace[step.left] : undefined;
    const right = step.right !== null ? c.right.trace[step.right] : undefined;
    const mark = k === c.firstDifference ? '>>' : step.same ? '  ' : ' ≠';
    lines.push(`${cell(left)} ${mark} ${cell(right).trimEnd()}`);
  }
  lines.push('', c.headline, `runs: ${c.left.id} (smtp-lab matrix show ${c.left.id}), ${c.right.id}`, '');
  return lines.join('\n');
}
