// smtp-lab run FILE --toggle KEY=VALUE --compare [--json]: the scenario as written and with one
// thing toggled, run side by side; the two ladders aligned with the first difference marked.
import type { RunComparison } from '../../common/matrix.ts';
import type { TraceEvent } from '../../common/trace.ts';
import { defaultDataDir } from '../lab/data-dir.ts';
import { compareScenario } from '../scenario/compare-runs.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { summaryIn } from '../scenario/ladder-text.ts';
import { messageOf, renderText, text, type Locale, type Text } from '../../common/i18n/text.ts';
import { cliLocale, say } from './cli-locale.ts';
import { displayWidth, padDisplay } from './format/display-width.ts';
import { jsonInLanguage } from './json-in-language.ts';

const COLUMN = 58;

export async function runCompare(scenario: Scenario, toggle: string, json: boolean): Promise<number> {
  const result = await compareScenario(scenario, toggle, { dataDir: defaultDataDir() });
  if (!result.ok) {
    process.stderr.write(`smtp-lab run --toggle: ${say(messageOf(result))}\n`);
    return 2;
  }
  const locale = cliLocale();
  process.stdout.write(json ? `${JSON.stringify(jsonInLanguage(result.comparison, locale))}\n` : comparisonText(result.comparison, locale));
  return 0;
}

/** A row cut to the column, counted in terminal columns (a Japanese character takes two). */
function cell(e: TraceEvent | undefined, locale: Locale): string {
  if (!e) return ''.padEnd(COLUMN);
  const line = `${e.layer.padEnd(6)} ${summaryIn(e, locale)}`;
  let cut = line;
  if (displayWidth(line) > COLUMN) {
    cut = '';
    for (const ch of line) {
      if (displayWidth(cut + ch) > COLUMN - 1) break;
      cut += ch;
    }
    cut += '…';
  }
  return padDisplay(cut, COLUMN);
}

export function comparisonText(c: RunComparison, locale: Locale = 'en'): string {
  const inLocale = (value: Text | string) => renderText(locale, value);
  const lines = [`${padDisplay(inLocale(text('compareCli.asWritten')), COLUMN)}   ${inLocale(text('compareCli.with', { toggle: c.toggle }))}`, ''];
  for (const [k, step] of c.steps.entries()) {
    const left = step.left !== null ? c.left.trace[step.left] : undefined;
    const right = step.right !== null ? c.right.trace[step.right] : undefined;
    const mark = k === c.firstDifference ? '>>' : step.same ? '  ' : ' ≠';
    lines.push(`${cell(left, locale)} ${mark} ${cell(right, locale).trimEnd()}`);
  }
  const runs = text('compareCli.runs', { left: c.left.id, right: c.right.id, command: `smtp-lab matrix show ${c.left.id}` });
  lines.push('', inLocale(c.headlineText ?? c.headline), inLocale(runs), '');
  return lines.join('\n');
}
