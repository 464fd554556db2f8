// DMARC aggregate reports as text for `smtp-lab dmarc show|send`, laid out like the XML: the
// policy published, then one line per record (RFC 7489 Appendix C).
import type { DmarcPending, DmarcReportInfo, DmarcReportRow, DmarcState } from '../../../common/dmarc.ts';
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import { deliveryLine, reportHeading } from './report-text.ts';

/** The receiver that writes the reports. */
const REPORTING_HOST = 'mx.example.jp';

function rowLines(rows: readonly DmarcReportRow[]): string[] {
  return rows.flatMap((r) => [
    `    ${r.count} x ${r.sourceIp}  header_from ${r.headerFrom}  envelope_from ${r.envelopeFrom}  -> disposition ${r.disposition}, dkim ${r.dkim}, spf ${r.spf}${r.reasons.length ? ` (${r.reasons.map((x) => x.type).join(', ')})` : ''}`,
    `      auth_results: ${[...r.dkimResults.map((d) => `dkim ${d.domain} s=${d.selector} ${d.result}`), ...r.spfResults.map((s) => `spf ${s.scope} ${s.domain} ${s.result}`)].join('; ') || 'none'}`,
  ]);
}

const policyLine = (p: DmarcPending['policy']) => `p=${p.p} sp=${p.sp} adkim=${p.adkim} aspf=${p.aspf} pct=${p.pct}`;

export function formatDmarcReports(reports: readonly DmarcReportInfo[], empty: 'sent' | 'none'): string {
  if (reports.length === 0) return empty === 'sent' ? `${say(text('dmarcCli.nothingSent'))}\n` : '';
  const out: string[] = [];
  for (const r of reports) {
    const range = text('tlsrptCli.range', { from: new Date(r.begin * 1000).toISOString(), to: new Date(r.end * 1000).toISOString() });
    out.push(say(reportHeading(r.id, `${r.policyDomain}, ${policyLine(r.policy)}`)), `  ${say(text('reportCli.file', { name: r.fileName }))}`, `  ${say(range)}`);
    out.push(...rowLines(r.rows));
    for (const d of r.deliveries) out.push(`  ${say(deliveryLine(d))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export function formatDmarcState(state: DmarcState): string {
  const out: string[] = [say(text('dmarcCli.head', { reporter: state.reporter, host: REPORTING_HOST })), ''];
  out.push(say(state.pending.length === 0 ? text('dmarcCli.countedNothing') : text('dmarcCli.counted', { command: 'smtp-lab dmarc send' })));
  for (const p of state.pending) {
    const rua = p.rua.length ? p.rua.join(', ') : text('dmarcCli.noRua');
    out.push(`  ${say(text('dmarcCli.pending', { domain: p.policyDomain, count: p.messages, policy: policyLine(p.policy), rua }))}`);
    out.push(...rowLines(p.rows));
  }
  out.push('');
  if (state.reports.length === 0) out.push(say(text('dmarcCli.noReports')), '');
  return `${out.join('\n')}\n${formatDmarcReports(state.reports, 'none')}`;
}
