// What every aggregate report mail has in common (TLS-RPT, RFC 8460 §5.3; DMARC, RFC 7489
// §7.2.1.1): a boundary and Message-ID derived from the report, a short text part, then the gzipped
// report as a base64 attachment. Each report kind adds its own headers, subject and part types.
import { createHash } from 'node:crypto';

export interface ReportMailIds {
  boundary: string;
  messageId: string;
}

/** Stable for one report (no randomness): the same report gives the same message, before and after signing. */
export function reportMailIds(kind: string, reportId: string, domain: string, date: number, submitter: string): ReportMailIds {
  const seed = createHash('sha256').update(`${reportId}|${domain}|${date}`).digest('hex');
  return {
    boundary: `----=_${kind}_${seed.slice(0, 24)}`,
    messageId: `<${seed.slice(24, 48)}.${reportId.replace(/[^A-Za-z0-9.-]/g, '')}@${submitter}>`,
  };
}

export interface ReportMailBody {
  boundary: string;
  /** Lines of the human-readable part. */
  text: string[];
  /** The attachment's Content-Type value, parameters included. */
  attachmentType: string;
  fileName: string;
  gzipped: Buffer;
}

/** The message: header lines, an empty line, then the two MIME parts. */
export function reportMail(headers: string[], body: ReportMailBody): string {
  const attachment = body.gzipped.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const lines = [
    'This is a multipart message in MIME format.',
    '',
    `--${body.boundary}`,
    'Content-Type: text/plain; charset="us-ascii"',
    'Content-Transfer-Encoding: 7bit',
    '',
    ...body.text,
    '',
    `--${body.boundary}`,
    `Content-Type: ${body.attachmentType}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment;\r\n\tfilename="${body.fileName}"`,
    '',
    `${attachment}--${body.boundary}--`,
    '',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${lines.join('\r\n')}`;
}
