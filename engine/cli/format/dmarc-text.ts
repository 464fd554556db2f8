// DMARC aggregate reports as text for `smtp-lab dmarc show|send`, laid out like the XML: the
// policy published, then one line per record (RFC 7489 Appendix C).
import type { DmarcPending, DmarcReportInfo, DmarcReportRow, DmarcState } from '../../../common/dmarc.ts';
import { say } from '../cli-locale.ts';

function rowLines(rows: readonly DmarcReportRow[]): string[] {
  return rows.flatMap((r) => [
    `    ${r.count} x ${r.sourceIp}  header_from ${r.headerFrom}  envelope_from ${r.envelopeFrom}  -> disposition ${r.disposition}, dkim ${r.dkim}, spf ${r.spf}${r.reasons.length ? ` (${r.reasons.map((x) => x.type).join(', ')})` : ''}`,
    `      auth_results: ${[...r.dkimResults.map((d) => `dkim ${d.domain} s=${d.selector} ${d.result}`), ...r.spfResults.map((s) => `spf ${s.scope} ${s.domain} ${s.result}`)].join('; ') || 'none'}`,
  ]);
}

const policyLine = (p: DmarcPending['policy']) => `p=${p.p} sp=${p.sp} adkim=${p.adkim} aspf=${p.aspf} pct=${p.pct}`;

export function formatDmarcReports(reports: readonly DmarcReportInfo[], empty: 'sent' | 'none'): string {
  if (reports.length === 0) return empty === 'sent' ? 'Nothing to report: no DMARC evaluation of a domain with rua= since the last reports.\n' : '';
  const out: string[] = [];
  for (const r of reports) {
    out.push(`report ${r.id}  (${r.policyDomain}, ${policyLine(r.policy)})`, `  file: ${r.fileName}`, `  range: ${new Date(r.begin * 1000).toISOString()} .. ${new Date(r.end * 1000).toISOString()}`);
    out.push(...rowLines(r.rows));
    for (const d of r.deliveries) out.push(`  -> ${d.uri}: ${d.ok ? 'sent' : 'not sent'} (${say(d.detailText ?? d.detail)})`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export function formatDmarcState(state: DmarcState): string {
  const out: string[] = [`DMARC aggregate reports of ${state.reporter} (mx.example.jp)`, ''];
  if (state.pending.length === 0) out.push('Counted since the last reports: nothing. Switch on the DMARC milter (smtpd_milters) and send mail.');
  else out.push('Counted since the last reports (smtp-lab dmarc send reports them):');
  for (const p of state.pending) {
    out.push(`  ${p.policyDomain}: ${p.messages} message(s), ${policyLine(p.policy)}, rua ${p.rua.length ? p.rua.join(', ') : '(none: no report will be sent)'}`);
    out.push(...rowLines(p.rows));
  }
  out.push('');
  if (state.reports.length === 0) out.push('No reports built yet.', '');
  return `${out.join('\n')}\n${formatDmarcReports(state.reports, 'none')}`;
}
