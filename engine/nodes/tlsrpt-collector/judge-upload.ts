// What the TLS-RPT collector answers to one upload (RFC 8460 §5.3), as values: the request line
// and headers are judged before the body is read, the body once it is all there. No sockets.
import { gunzipSync } from 'node:zlib';

export const TLSRPT_GZIP = 'application/tlsrpt+gzip';
export const TLSRPT_JSON = 'application/tlsrpt+json';
export type TlsRptMediaType = typeof TLSRPT_GZIP | typeof TLSRPT_JSON;

export type UploadRefusal = { ok: false; status: 400 | 404 | 405 | 413 | 415; reason: string; rule: string };
export type UploadAccepted = { ok: true; status: 201; reason: string; rule: string; mediaType: TlsRptMediaType; report: Record<string, unknown> };

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
  if (head.path !== reportPath) return { ok: false, status: 404, reason: `no report endpoint at ${head.path}; reports go to ${reportPath}`, rule: 'RFC 8460 §3' };
  if (head.method !== 'POST') return { ok: false, status: 405, reason: `${head.method} is not how reports arrive: POST the report to ${reportPath}`, rule: RULE_HTTPS };
  const mediaType = mediaTypeOf(head.contentType);
  if (mediaType !== TLSRPT_GZIP && mediaType !== TLSRPT_JSON) {
    return { ok: false, status: 415, reason: `media type "${mediaType || 'none'}" is not ${TLSRPT_GZIP} or ${TLSRPT_JSON}`, rule: RULE_HTTPS };
  }
  if (head.contentLength !== undefined && head.contentLength > maxBytes) return tooLarge(`the body is ${head.contentLength} bytes`, maxBytes);
  return { ok: true, mediaType };
}

function tooLarge(what: string, maxBytes: number): UploadRefusal {
  return { ok: false, status: 413, reason: `${what}; this collector takes at most ${maxBytes} bytes`, rule: RULE_HTTPS };
}

/** For a body without Content-Length that grew past the cap while it was read. */
export function bodyTooLarge(maxBytes: number): UploadRefusal {
  return tooLarge('the body kept coming', maxBytes);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first required top-level field that is missing or of the wrong type, or null (RFC 8460 §4.4). */
export function missingReportField(report: Record<string, unknown>): string | null {
  for (const field of ['organization-name', 'contact-info', 'report-id'] as const) {
    if (typeof report[field] !== 'string') return `"${field}" (a string)`;
  }
  const range = report['date-range'];
  if (!isObject(range)) return '"date-range" (an object)';
  for (const field of ['start-datetime', 'end-datetime'] as const) {
    if (typeof range[field] !== 'string') return `"date-range"."${field}" (a string)`;
  }
  // "policies" MUST be an array, even with one policy.
  if (!Array.isArray(report.policies)) return '"policies" (an array)';
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
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge('the report inflates past the limit', maxBytes);
      return { ok: false, status: 400, reason: `the body is not gzip (${(err as Error).message})`, rule: 'RFC 8460 §5.3, RFC 1952' };
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return { ok: false, status: 400, reason: 'the report is not UTF-8', rule: 'RFC 8259 §8.1' };
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (err) {
    return { ok: false, status: 400, reason: `the report is not JSON (${(err as Error).message})`, rule: RULE_JSON };
  }
  if (!isObject(report)) return { ok: false, status: 400, reason: 'the report is not a JSON object', rule: RULE_JSON };
  const missing = missingReportField(report);
  if (missing) return { ok: false, status: 400, reason: `the report lacks ${missing}`, rule: RULE_JSON };
  return { ok: true, status: 201, reason: `report ${String(report['report-id'])} stored`, rule: RULE_HTTPS, mediaType, report };
}
