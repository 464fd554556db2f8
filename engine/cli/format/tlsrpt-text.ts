// TLS-RPT reports as text for `smtp-lab tlsrpt show`, laid out like the report: per policy, the
// counts, then the failure details (RFC 8460 §4.4).
import type { TlsRptReportInfo } from '../../../common/sender.ts';
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';

interface PolicyEntry {
  policy: { 'policy-type': string; 'policy-domain': string; 'policy-string'?: string[]; 'mx-host'?: string[] };
  summary: { 'total-successful-session-count': number; 'total-failure-session-count': number };
  'failure-details'?: { 'result-type': string; 'receiving-mx-hostname': string; 'receiving-ip'?: string; 'failed-session-count': number; 'failure-reason-code'?: string }[];
}

export function formatTlsRptReports(reports: readonly TlsRptReportInfo[]): string {
  if (reports.length === 0) return `${say(text('tlsrptCli.none'))}\n`;
  const out: string[] = [];
  for (const info of reports) {
    const r = info.report as { 'organization-name': string; 'date-range': { 'start-datetime': string; 'end-datetime': string }; policies: PolicyEntry[] };
    out.push(
      `${say(text('reportCli.report', { id: info.id }))}  (${info.policyDomain})`,
      `  ${say(text('tlsrptCli.organization', { name: r['organization-name'] }))}`,
      `  ${say(text('tlsrptCli.range', { from: r['date-range']['start-datetime'], to: r['date-range']['end-datetime'] }))}`,
    );
    for (const p of r.policies) {
      const counts = { type: p.policy['policy-type'], domain: p.policy['policy-domain'], ok: p.summary['total-successful-session-count'], failed: p.summary['total-failure-session-count'] };
      out.push(`  ${say(text('tlsrptCli.policy', counts))}`);
      for (const line of p.policy['policy-string'] ?? []) out.push(`    | ${line}`);
      for (const d of p['failure-details'] ?? []) {
        const host = `${d['receiving-mx-hostname']}${d['receiving-ip'] ? ` [${d['receiving-ip']}]` : ''}`;
        const failures = say(text('tlsrptCli.failures', { count: d['failed-session-count'], result: d['result-type'], host }));
        out.push(`    ${failures}${d['failure-reason-code'] ? `: ${d['failure-reason-code']}` : ''}`);
      }
    }
    for (const d of info.deliveries) out.push(`  -> ${d.uri}: ${say(text(d.ok ? 'tlsrptCli.sent' : 'tlsrptCli.notSent'))} (${say(d.detailText ?? d.detail)})`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
