// TLS-RPT reports as text for `smtp-lab tlsrpt show`, laid out like the report: per policy, the
// counts, then the failure details (RFC 8460 §4.4). A failure's reason is the report's English
// failure-reason-code, said in the CLI's language when the lab kept its Text.
import type { TlsRptReportInfo } from '../../../common/sender.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import { deliveryLine, reportHeading } from './report-text.ts';

interface PolicyEntry {
  policy: { 'policy-type': string; 'policy-domain': string; 'policy-string'?: string[]; 'mx-host'?: string[] };
  summary: { 'total-successful-session-count': number; 'total-failure-session-count': number };
  'failure-details'?: { 'result-type': string; 'receiving-mx-hostname': string; 'receiving-ip'?: string; 'failed-session-count': number; 'failure-reason-code'?: string }[];
}

/** The reason of failure detail `detail` of policy `policy`: its Text when the lab kept one, else the report's string. */
export function failureReason(info: TlsRptReportInfo, policy: number, detail: number, code: string | undefined): Text | string | undefined {
  const kept = info.failureReasons?.find((r) => r.policy === policy && r.detail === detail && r.reason === code);
  return kept?.reasonText ?? code;
}

export function formatTlsRptReports(reports: readonly TlsRptReportInfo[]): string {
  if (reports.length === 0) return `${say(text('tlsrptCli.none'))}\n`;
  const out: string[] = [];
  for (const info of reports) {
    const r = info.report as { 'organization-name': string; 'date-range': { 'start-datetime': string; 'end-datetime': string }; policies: PolicyEntry[] };
    out.push(
      say(reportHeading(info.id, info.policyDomain)),
      `  ${say(text('tlsrptCli.organization', { name: r['organization-name'] }))}`,
      `  ${say(text('tlsrptCli.range', { from: r['date-range']['start-datetime'], to: r['date-range']['end-datetime'] }))}`,
    );
    r.policies.forEach((p, pi) => {
      const counts = { type: p.policy['policy-type'], domain: p.policy['policy-domain'], ok: p.summary['total-successful-session-count'], failed: p.summary['total-failure-session-count'] };
      out.push(`  ${say(text('tlsrptCli.policy', counts))}`);
      for (const line of p.policy['policy-string'] ?? []) out.push(`    | ${line}`);
      (p['failure-details'] ?? []).forEach((d, di) => {
        const host = `${d['receiving-mx-hostname']}${d['receiving-ip'] ? ` [${d['receiving-ip']}]` : ''}`;
        const failures = text('tlsrptCli.failures', { count: d['failed-session-count'], result: d['result-type'], host });
        const reason = failureReason(info, pi, di, d['failure-reason-code']);
        out.push(`    ${say(reason ? text('tlsrptCli.failuresWhy', { failures, reason }) : failures)}`);
      });
    });
    for (const d of info.deliveries) out.push(`  ${say(deliveryLine(d))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
