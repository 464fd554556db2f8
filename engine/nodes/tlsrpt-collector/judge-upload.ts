// What the TLS-RPT collector answers to one upload (RFC 8460 §5.3), as values: the request line
// and headers are judged before the body is read, the body once it is all there. No sockets.
import { gunzipSync } from 'node:zlib';
import { said, text, type Text } from '../../../common/i18n/text.ts';

export const TLSRPT_GZIP = 'application/tlsrpt+gzip';
export const TLSRPT_JSON = 'application/tlsrpt+json';
export type TlsRptMediaType = typeof TLSRPT_GZIP | typeof TLSRPT_JSON;

/** reason: the English answer, the body of the HTTP response; reasonText: the same sentence for the trace, in the reader's language. */
export type UploadRefusal = { ok: false; status: 400 | 404 | 405 | 413 | 415; reason: string; reasonText: Text; rule: string };
export type UploadAccepted = { ok: true; status: 201; reason: string; reasonText: Text; rule: string; mediaType: TlsRptMediaType; report: Record<string, unknown> };

export interface UploadHead {
  method: string;
  path: string;
  /** The Content-Type header as sent, parameters included. */
  contentType: string | undefined;
  /** The Content-Length header, when the client sent one. */
  contentLength: number | undefined;
}

const RULE_HTTPS = 'RFC 8460 §5.3';
const RULE_JSON = 'RFC 8460 §4.4';

/** The media type alone, lower case: "application/tlsrpt+json; charset=utf-8" -> "application/tlsrpt+json". */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether the body is worth reading, with its media type; otherwise the answer, given unread. */
export function judgeHead(head: UploadHead, reportPath: string, maxBytes: number): UploadRefusal | { ok: true; mediaType: TlsRptMediaType } {
  if (head.path !== reportPath) return { ok: false, status: 404, ...said(text('rptCollect.noEndpoint', { path: head.path, reportPath })), rule: 'RFC 8460 §3' };
  if (head.method !== 'POST') return { ok: false, status: 405, ...said(text('rptCollect.notPost', { method: head.method, reportPath })), rule: RULE_HTTPS };
  const mediaType = mediaTypeOf(head.contentType);
  if (mediaType !== TLSRPT_GZIP && mediaType !== TLSRPT_JSON) {
    const type = mediaType || text('rptCollect.noMediaType');
    return { ok: false, status: 415, ...said(text('rptCollect.mediaType', { type, gzip: TLSRPT_GZIP, json: TLSRPT_JSON })), rule: RULE_HTTPS };
  }
  if (head.contentLength !== undefined && head.contentLength > maxBytes) return tooLarge(text('rptCollect.bodyBytes', { bytes: head.contentLength }), maxBytes);
  return { ok: true, mediaType };
}

function tooLarge(what: Text, maxBytes: number): UploadRefusal {
  return { ok: false, status: 413, ...said(text('rptCollect.tooLarge', { what, max: maxBytes })), rule: RULE_HTTPS };
}

/** For a body without Content-Length that grew past the cap while it was read. */
export function bodyTooLarge(maxBytes: number): UploadRefusal {
  return tooLarge(text('rptCollect.bodyKeptComing'), maxBytes);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first required top-level field that is missing or of the wrong type, with what it must be, or null (RFC 8460 §4.4). */
export function missingReportField(report: Record<string, unknown>): Text | null {
  for (const field of ['organization-name', 'contact-info', 'report-id'] as const) {
    if (typeof report[field] !== 'string') return text('rptCollect.aString', { field: `"${field}"` });
  }
  const range = report['date-range'];
  if (!isObject(range)) return text('rptCollect.anObject', { field: '"date-range"' });
  for (const field of ['start-datetime', 'end-datetime'] as const) {
    if (typeof range[field] !== 'string') return text('rptCollect.aString', { field: `"date-range"."${field}"` });
  }
  // "policies" MUST be an array, even with one policy.
  if (!Array.isArray(report.policies)) return text('rptCollect.anArray', { field: '"policies"' });
  return null;
}

/** The body of an accepted head: inflated when gzip, UTF-8 JSON, an object with the §4.4 fields. */
export function judgeBody(mediaType: TlsRptMediaType, body: Buffer, maxBytes: number): UploadRefusal | UploadAccepted {
  let json = body;
  if (mediaType === TLSRPT_GZIP) {
    try {
      // A small gzip can inflate to gigabytes: the cap applies to what comes out.
      json = gunzipSync(body, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(text('rptCollect.inflatesPast'), maxBytes);
      return { ok: false, status: 400, ...said(text('rptCollect.notGzip', { error: (err as Error).message })), rule: 'RFC 8460 §5.3, RFC 1952' };
    }
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return { ok: false, status: 400, ...said(text('rptCollect.notUtf8')), rule: 'RFC 8259 §8.1' };
  }
  let report: unknown;
  try {
    report = JSON.parse(decoded);
  } catch (err) {
    return { ok: false, status: 400, ...said(text('rptCollect.notJson', { error: (err as Error).message })), rule: RULE_JSON };
  }
  if (!isObject(report)) return { ok: false, status: 400, ...said(text('rptCollect.notObject')), rule: RULE_JSON };
  const missing = missingReportField(report);
  if (missing) return { ok: false, status: 400, ...said(text('rptCollect.lacks', { field: missing })), rule: RULE_JSON };
  return { ok: true, status: 201, ...said(text('rptCollect.stored', { id: String(report['report-id']) })), rule: RULE_HTTPS, mediaType, report };
}
