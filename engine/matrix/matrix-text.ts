// The matrix as a terminal table and as Markdown, with the legend and the rule beside it
// (docs/matrix.md says the same).
import type { MatrixCell, MatrixReport } from '../../common/matrix.ts';

export const LEGEND = '○ safe · △ safe but not complete · × not safe · - not affected';

export const RULE_LINES = [
  '-  the attack found nothing to act on in the run (no STARTTLS to strip, no handshake to cut or answer);',
  '×  the attacker read the message or its own MTA received it; or it was delivered in plaintext; or over TLS that no policy',
  '   in force required to be authenticated (may, encrypt, MTA-STS testing) while an active attacker sat on the path;',
  '△  neither read nor received, but delivered over TLS 1.0/1.1, or refused only thanks to an MTA-STS policy cached at an earlier contact;',
  '○  otherwise: delivered over authenticated TLS 1.2+, a passive attacker saw only ciphertext, or the sender refused (a deferred message is safe).',
];

const cellOf = (report: MatrixReport, attack: string, defense: string, list: MatrixCell[] = report.cells) => list.find((c) => c.attack === attack && c.defense === defense);

export function matrixText(report: MatrixReport): string {
  const first = Math.max(...report.attacks.map((a) => a.label.length)) + 2;
  const widths = report.defenses.map((d) => Math.max(d.label.length, 3) + 2);
  const head = ''.padEnd(first) + report.defenses.map((d, i) => d.label.padEnd(widths[i])).join('');
  const rows = report.attacks.map((a) => a.label.padEnd(first) + report.defenses.map((d, i) => (cellOf(report, a.id, d.id)?.result ?? '?').padEnd(widths[i])).join(''));
  const reasons = [...report.cells, ...report.variants].map((c) => `  ${c.result} ${c.attack} × ${c.defense}${c.variant ? ` (${c.variant})` : ''}: ${c.reason}\n      run ${c.run} · lab ${c.lab}`);
  return [head, ...rows, '', LEGEND, ...RULE_LINES, '', `${report.runs} runs in ${report.elapsedMs} ms`, '', 'Why, cell by cell (smtp-lab matrix show RUN opens a run\'s trace):', ...reasons, ''].join('\n');
}

export function matrixMarkdown(report: MatrixReport): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| | ${report.defenses.map((d) => escape(d.label)).join(' | ')} |`;
  const line = `|---|${report.defenses.map(() => ':-:').join('|')}|`;
  const rows = report.attacks.map((a) => `| ${escape(a.label)} | ${report.defenses.map((d) => cellOf(report, a.id, d.id)?.result ?? '?').join(' | ')} |`);
  const variants = report.variants.map((c) => `- ${c.result} ${c.attack} (${c.variant}) × ${c.defense}: ${escape(c.reason)}`);
  return [head, line, ...rows, '', `Legend: ${LEGEND}`, '', 'Rule:', '', ...RULE_LINES.map((l) => `    ${l}`), '', 'Second runs:', '', ...variants, ''].join('\n');
}
