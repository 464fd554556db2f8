// RFC 8460 §4.4 report JSON, §4.1 time frame, §5.1 file name, §5.2 gzip, §5.4 the body of an https upload.
import { gzipSync } from 'node:zlib';
import { canonicalName } from '../dns-name.ts';
import type { TlsRptResultType } from '../decision.ts';
import type { PolicyAggregate, TlsRptPolicyType } from './aggregator.ts';

export interface TlsRptReport {
  'organization-name': string;
  'date-range': { 'start-datetime': string; 'end-datetime': string };
  'contact-info': string;
  'report-id': string;
  policies: {
    policy: { 'policy-type': TlsRptPolicyType; 'policy-string'?: string[]; 'policy-domain': string; 'mx-host'?: string[] };
    summary: { 'total-successful-session-count': number; 'total-failure-session-count': number };
    'failure-details'?: {
      'result-type': TlsRptResultType;
      'sending-mta-ip': string;
      'receiving-mx-hostname': string;
      'receiving-mx-helo'?: string;
      'receiving-ip': string;
      'failed-session-count': number;
      'additional-information'?: string;
      'failure-reason-code'?: string;
    }[];
  }[];
}

export interface ReportMeta {
  organizationName: string;
  contactInfo: string;
  reportId: string;
  /** Milliseconds since the epoch; the range is [start, end]. */
  start: number;
  end: number;
}

/** RFC 3339 date-time in UTC, whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The UTC day containing `ms` (RFC 8460 §4.1: a report SHOULD cover a full UTC day). */
export function utcDay(ms: number): { start: number; end: number } {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return { start, end: start + 86_400_000 - 1000 };
}

export function buildReport(meta: ReportMeta, aggregates: readonly PolicyAggregate[]): TlsRptReport {
  return {
    'organization-name': meta.organizationName,
    'date-range': { 'start-datetime': rfc3339(meta.start), 'end-datetime': rfc3339(meta.end) },
    'contact-info': meta.contactInfo,
    'report-id': meta.reportId,
    // policies MUST be an array, even with one policy (§4.4).
    policies: aggregates.map((a) => ({
      policy: {
        'policy-type': a.policy.type,
        ...(a.policy.strings.length > 0 ? { 'policy-string': a.policy.strings } : {}),
        'policy-domain': canonicalName(a.policy.domain),
        ...(a.policy.mxHost.length > 0 ? { 'mx-host': a.policy.mxHost } : {}),
      },
      summary: { 'total-successful-session-count': a.successes, 'total-failure-session-count': a.failures },
      ...(a.details.length > 0
        ? {
            'failure-details': a.details.map(({ detail: d, count }) => ({
              'result-type': d.resultType,
              'sending-mta-ip': d.sendingMtaIp,
              'receiving-mx-hostname': canonicalName(d.receivingMxHostname),
              ...(d.receivingMxHelo ? { 'receiving-mx-helo': d.receivingMxHelo } : {}),
              'receiving-ip': d.receivingIp,
              'failed-session-count': count,
              ...(d.additionalInformation ? { 'additional-information': d.additionalInformation } : {}),
              ...(d.failureReasonCode ? { 'failure-reason-code': d.failureReasonCode } : {}),
            })),
          }
        : {}),
    })),
  };
}

/**
 * §5.1: filename = sender "!" policy-domain "!" begin-timestamp "!" end-timestamp ["!" unique-id] "." extension,
 * timestamps in seconds since the epoch, extension "json" or "json.gz", domains as A-labels.
 */
export function reportFileName(input: { submitter: string; policyDomain: string; start: number; end: number; uniqueId?: string; gzip: boolean }): string {
  if (input.uniqueId !== undefined && !/^[A-Za-z0-9]+$/.test(input.uniqueId)) {
    throw new RangeError(`unique-id "${input.uniqueId}" must be letters and digits (RFC 8460 §5.1)`);
  }
  const parts = [canonicalName(input.submitter), canonicalName(input.policyDomain), Math.floor(input.start / 1000), Math.floor(input.end / 1000)];
  if (input.uniqueId) parts.push(input.uniqueId);
  return `${parts.join('!')}.${input.gzip ? 'json.gz' : 'json'}`;
}

export function reportJson(report: TlsRptReport): string {
  return JSON.stringify(report, null, 2);
}

export function gzipReport(report: TlsRptReport): Buffer {
  return gzipSync(Buffer.from(reportJson(report), 'utf8'));
}

/** The body of an https rua upload: POST with this media type (§5.4). */
export function httpsUpload(report: TlsRptReport): { contentType: 'application/tlsrpt+gzip'; body: Buffer } {
  return { contentType: 'application/tlsrpt+gzip', body: gzipReport(report) };
}
