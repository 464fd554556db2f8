// RFC 7489 §7.2.1.1: an aggregate report delivered by mail. Subject "Report Domain: ... Submitter:
// ... Report-ID: <...>", the report attached gzipped as application/gzip, a short text part first.
import { createHash } from 'node:crypto';
import type { DmarcPending } from '../../../common/dmarc.ts';
import { canonicalName } from '../dns-name.ts';
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
  const seed = createHash('sha256').update(`${input.reportId}|${domain}|${input.date}`).digest('hex');
  const boundary = `----=_dmarc_${seed.slice(0, 24)}`;
  const attachment = input.gzipped.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers = [
    `From: ${input.from}`,
    `Date: ${rfc5322Date(input.date)}`,
    `To: ${input.to}`,
    `Subject: ${dmarcReportSubject(domain, submitter, input.reportId)}`,
    `Message-ID: <${seed.slice(24, 48)}.${input.reportId.replace(/[^A-Za-z0-9.-]/g, '')}@${submitter}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;\r\n\tboundary="${boundary}"`,
  ];
  const rows = input.aggregate.rows.map((r) => `  ${r.count} from ${r.sourceIp}: header_from ${r.headerFrom}, dkim=${r.dkim} spf=${r.spf}, disposition ${r.disposition}`);
  const body = [
    'This is a multipart message in MIME format.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="us-ascii"',
    'Content-Transfer-Encoding: 7bit',
    '',
    `This is a DMARC aggregate report from ${submitter} about ${domain}`,
    `(p=${input.aggregate.policy.p}), ${iso(input.begin)} to ${iso(input.end)}: ${input.aggregate.messages} message(s).`,
    ...rows,
    '',
    `--${boundary}`,
    `Content-Type: application/gzip;\r\n\tname="${input.fileName}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment;\r\n\tfilename="${input.fileName}"`,
    '',
    `${attachment}--${boundary}--`,
    '',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body.join('\r\n')}`;
}
