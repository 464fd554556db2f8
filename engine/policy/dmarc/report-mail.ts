// RFC 7489 §7.2.1.1: an aggregate report delivered by mail. Subject "Report Domain: ... Submitter:
// ... Report-ID: <...>", the report attached gzipped as application/gzip, a short text part first.
import type { DmarcPending } from '../../../common/dmarc.ts';
import { canonicalName } from '../dns-name.ts';
import { reportMail, reportMailIds } from '../report-mail-parts.ts';
import { rfc5322Date } from '../tlsrpt/mail.ts';

export interface DmarcReportMailInput {
  /** The gzipped XML. */
  gzipped: Buffer;
  fileName: string;
  reportId: string;
  aggregate: DmarcPending;
  /** The reporting receiver's domain (Submitter). */
  submitter: string;
  from: string;
  to: string;
  /** Milliseconds since the epoch. */
  date: number;
  /** Seconds since the epoch (date_range). */
  begin: number;
  end: number;
}

export function dmarcReportSubject(policyDomain: string, submitter: string, reportId: string): string {
  return `Report Domain: ${canonicalName(policyDomain)} Submitter: ${canonicalName(submitter)} Report-ID: <${reportId}>`;
}

export function buildDmarcReportMail(input: DmarcReportMailInput): string {
  const domain = canonicalName(input.aggregate.policyDomain);
  const submitter = canonicalName(input.submitter);
  const { boundary, messageId } = reportMailIds('dmarc', input.reportId, domain, input.date, submitter);
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers = [
    `From: ${input.from}`,
    `Date: ${rfc5322Date(input.date)}`,
    `To: ${input.to}`,
    `Subject: ${dmarcReportSubject(domain, submitter, input.reportId)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;\r\n\tboundary="${boundary}"`,
  ];
  const rows = input.aggregate.rows.map((r) => `  ${r.count} from ${r.sourceIp}: header_from ${r.headerFrom}, dkim=${r.dkim} spf=${r.spf}, disposition ${r.disposition}`);
  return reportMail(headers, {
    boundary,
    text: [
      `This is a DMARC aggregate report from ${submitter} about ${domain}`,
      `(p=${input.aggregate.policy.p}), ${iso(input.begin)} to ${iso(input.end)}: ${input.aggregate.messages} message(s).`,
      ...rows,
    ],
    attachmentType: `application/gzip;\r\n\tname="${input.fileName}"`,
    fileName: input.fileName,
    gzipped: input.gzipped,
  });
}
