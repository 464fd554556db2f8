// The mail checker's report as `smtp-lab checker` prints it: the score, then each item with what
// was seen, what to change and the lab that teaches it.
import type { CheckerReport } from '../../../common/checker.ts';
import { text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';

export function formatCheckerReport(report: CheckerReport): string {
  // Information items (arc, bimi) are shown as INFO and not counted, as in the score.
  const counted = report.items.filter((i) => !i.info);
  const passed = counted.filter((i) => i.pass).length;
  const mx = report.mx.length ? report.mx.join(', ') : text('checker.none');
  const lines = [say(text('checkerCli.head', { domain: report.domain, score: report.score, passed, total: counted.length, mx })), ''];
  for (const item of report.items) {
    lines.push(`${item.info ? 'INFO' : item.pass ? 'PASS' : 'FAIL'}  ${item.id.padEnd(12)} ${say(item.detailText ?? item.detail)}`);
    for (const evidence of item.evidenceText ?? item.evidence) lines.push(`      ${say(evidence)}`);
    for (const note of item.notesText ?? item.notes) lines.push(`      ${say(text('checkerCli.note', { note }))}`);
    if (item.fix) {
      lines.push(`      ${say(text('checkerCli.change', { fix: cliLocale() === 'ja' ? item.fix.ja : item.fix.en }))}`);
      for (const line of item.fix.lines) lines.push(`        ${line}`);
    }
    lines.push(`      ${say(text('checkerCli.lab', { lab: item.lab }))}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
