// The mail checker's report as `smtp-lab checker` prints it: the score, then each item with what
// was seen, what to change and the lab that teaches it.
import type { CheckerReport } from '../../../common/checker.ts';

export function formatCheckerReport(report: CheckerReport): string {
  const passed = report.items.filter((i) => i.pass).length;
  const lines = [`Mail test of ${report.domain}: ${report.score}% (${passed}/${report.items.length} items pass)  MX: ${report.mx.join(', ') || 'none'}`, ''];
  for (const item of report.items) {
    lines.push(`${item.pass ? 'PASS' : 'FAIL'}  ${item.id.padEnd(12)} ${item.detail}`);
    for (const evidence of item.evidence) lines.push(`      ${evidence}`);
    for (const note of item.notes) lines.push(`      note: ${note}`);
    if (item.fix) {
      lines.push(`      change: ${item.fix.en}`);
      lines.push(`      変更: ${item.fix.ja}`);
      for (const line of item.fix.lines) lines.push(`        ${line}`);
    }
    lines.push(`      lab: labs/${item.lab}/`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
