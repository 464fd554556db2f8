// The matrix as a terminal table and as Markdown, with the legend and the rule beside it
// (docs/matrix.md says the same), in the reader's language; symbols and ids stay as they are.
import { renderText, text, type EngineKey, type Locale } from '../../../common/i18n/text.ts';
import type { MatrixCell, MatrixReport } from '../../../common/matrix.ts';
import { cellText } from '../../matrix/matrix-spec.ts';
import { displayWidth, padDisplay } from './display-width.ts';

const RULE_KEYS: readonly EngineKey[] = ['matrixText.ruleNone', 'matrixText.ruleUnsafe', 'matrixText.rulePartial', 'matrixText.ruleSafe'];

/** The rule, one line per symbol (a long clause goes on over an indented line). */
export const ruleLines = (locale: Locale): string[] => RULE_KEYS.flatMap((key) => renderText(locale, text(key)).split('\n'));

const cellOf = (report: MatrixReport, attack: string, defense: string, list: MatrixCell[] = report.cells) => list.find((c) => c.attack === attack && c.defense === defense);

/** "○ TLS version downgrade × DANE: reason", the attack and defence by the labels the report carries in the reader's language. */
function cellReason(report: MatrixReport, c: MatrixCell) {
  const attack = report.attacks.find((a) => a.id === c.attack)?.label ?? c.attack;
  const defense = report.defenses.find((d) => d.id === c.defense)?.label ?? c.defense;
  return text('matrixText.cellReason', { result: c.result, cell: cellText(attack, defense, c.variant), reason: c.reason });
}

export function matrixText(report: MatrixReport, locale: Locale = 'en'): string {
  const say = (key: EngineKey, params?: Parameters<typeof text>[1]) => renderText(locale, text(key, params));
  // Columns counted in terminal columns: a Japanese label takes two per character.
  const first = Math.max(...report.attacks.map((a) => displayWidth(a.label))) + 2;
  const widths = report.defenses.map((d) => Math.max(displayWidth(d.label), 3) + 2);
  const head = ''.padEnd(first) + report.defenses.map((d, i) => padDisplay(d.label, widths[i])).join('');
  const rows = report.attacks.map((a) => padDisplay(a.label, first) + report.defenses.map((d, i) => (cellOf(report, a.id, d.id)?.result ?? '?').padEnd(widths[i])).join(''));
  const reasons = [...report.cells, ...report.variants].map((c) => `  ${renderText(locale, cellReason(report, c))}\n      ${say('matrixText.runLab', { run: c.run, lab: c.lab })}`);
  return [
    head,
    ...rows,
    '',
    say('matrixText.legend'),
    ...ruleLines(locale),
    '',
    say('matrixText.ran', { runs: report.runs, ms: report.elapsedMs }),
    '',
    say('matrixText.why', { command: 'smtp-lab matrix show RUN' }),
    ...reasons,
    '',
  ].join('\n');
}

export function matrixMarkdown(report: MatrixReport, locale: Locale = 'en'): string {
  const say = (key: EngineKey, params?: Parameters<typeof text>[1]) => renderText(locale, text(key, params));
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| | ${report.defenses.map((d) => escape(d.label)).join(' | ')} |`;
  const line = `|---|${report.defenses.map(() => ':-:').join('|')}|`;
  const rows = report.attacks.map((a) => `| ${escape(a.label)} | ${report.defenses.map((d) => cellOf(report, a.id, d.id)?.result ?? '?').join(' | ')} |`);
  const variants = report.variants.map((c) => `- ${escape(renderText(locale, cellReason(report, c)))}`);
  return [head, line, ...rows, '', say('matrixText.legendHead', { legend: say('matrixText.legend') }), '', say('matrixText.ruleHead'), '', ...ruleLines(locale).map((l) => `    ${l}`), '', say('matrixText.secondRuns'), '', ...variants, ''].join('\n');
}
