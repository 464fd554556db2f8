// TLS-RPT reports as text for `smtp-lab tlsrpt show`, laid out like the report: per policy, the
// counts, then the failure details (RFC 8460 §4.4).
import type { TlsRptReportInfo } from '../../../common/sender.ts';

interface PolicyEntry {
  policy: { 'policy-type': string; 'policy-domain': string; 'policy-string'?: string[]; 'mx-host'?: string[] };
  summary: { 'total-successful-session-count': number; 'total-failure-session-count': number };
  'failure-details'?: { 'result-type': string; 'receiving-mx-hostname': string; 'receiving-ip'?: string; 'failed-session-count': number; 'failure-reason-code'?: string }[];
}

export function formatTlsRptReports(reports: readonly TlsRptReportInfo[]): string {
  if (reports.length === 0) return 'No TLS-RPT reports yet. Send mail, then: smtp-lab tlsrpt send\n';
  const out: string[] = [];
  for (const info of reports) {
    const r = info.report as { 'organization-name': string; 'date-range': { 'start-datetime': string; 'end-datetime': string }; policies: PolicyEntry[] };
    out.push(`report ${info.id}  (${info.policyDomain})`, `  organization: ${r['organization-name']}`, `  range: ${r['date-range']['start-datetime']} .. ${r['date-range']['end-datetime']}`);
    for (const p of r.policies) {
      out.push(`  policy ${p.policy['policy-type']} for ${p.policy['policy-domain']}: ${p.summary['total-successful-session-count']} successful, ${p.summary['total-failure-session-count']} failed`);
      for (const line of p.policy['policy-string'] ?? []) out.push(`    | ${line}`);
      for (const d of p['failure-details'] ?? []) {
        out.push(`    ${d['failed-session-count']} x ${d['result-type']} at ${d['receiving-mx-hostname']}${d['receiving-ip'] ? ` [${d['receiving-ip']}]` : ''}${d['failure-reason-code'] ? `: ${d['failure-reason-code']}` : ''}`);
      }
    }
    for (const d of info.deliveries) out.push(`  -> ${d.uri}: ${d.ok ? 'sent' : 'not sent'} (${d.detail})`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
