// RFC 8460 §5.3: a report delivered by mail, as MIME text.
// DKIM (RFC 8460 §5.3: MUST, without the "l=" tag, ideally with s=tlsrpt in the key record) is applied
// to the returned text by the caller before submission: sign the whole message and prepend the
// DKIM-Signature header. Nothing in this text changes after signing.
import { canonicalName } from '../dns-name.ts';
import { reportMail, reportMailIds } from '../report-mail-parts.ts';
import { gzipReport, reportFileName, type TlsRptReport } from './report.ts';

export interface ReportMailInput {
  report: TlsRptReport;
  /** The reporting MTA's domain (TLS-Report-Submitter). */
  submitter: string;
  /** The domain the report is about (TLS-Report-Domain). */
  policyDomain: string;
  from: string;
  to: string;
  /** Milliseconds since the epoch. */
  date: number;
}

export function buildReportMail(input: ReportMailInput): string {
  const { report, from, to } = input;
  const submitter = canonicalName(input.submitter);
  const domain = canonicalName(input.policyDomain);
  const start = Date.parse(report['date-range']['start-datetime']);
  const end = Date.parse(report['date-range']['end-datetime']);
  const fileName = reportFileName({ submitter, policyDomain: domain, start, end, gzip: true });
  const { boundary, messageId } = reportMailIds('tlsrpt', report['report-id'], domain, input.date, submitter);

  const headers = [
    `From: ${from}`,
    `Date: ${rfc5322Date(input.date)}`,
    `To: ${to}`,
    `Subject: Report Domain: ${domain} Submitter: ${submitter} Report-ID: <${report['report-id']}>`,
    `Message-ID: ${messageId}`,
    `TLS-Report-Domain: ${domain}`,
    `TLS-Report-Submitter: ${submitter}`,
    // RFC 8460 §5.3: reports MUST be delivered despite TLS failures; RFC 8689 §3 names this header for that.
    'TLS-Required: No',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type="tlsrpt";\r\n\tboundary="${boundary}"`,
  ];
  const summary = report.policies
    .map((p) => `  ${p.policy['policy-type']} ${p.policy['policy-domain']}: ${p.summary['total-successful-session-count']} successful, ${p.summary['total-failure-session-count']} failed`)
    .join('\r\n');
  return reportMail(headers, {
    boundary,
    text: [`This is an aggregate TLS report from ${submitter} about ${domain},`, `${report['date-range']['start-datetime']} to ${report['date-range']['end-datetime']}:`, summary],
    attachmentType: 'application/tlsrpt+gzip',
    fileName,
    gzipped: gzipReport(report),
  });
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 §3.3 date-time, in UTC. */
export function rfc5322Date(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
