// A TLS-RPT report (RFC 8460 §4.4 JSON, as the sender built it) read into what the viewer shows.
// The report is plain JSON from the engine: every field is read defensively, never trusted.
import { isText, type Text } from '../../../common/i18n/text.ts';
import type { TlsRptReportInfo } from '../../../common/sender.ts';

export interface FailureDetailView {
  resultType: string;
  sendingMtaIp: string;
  receivingMxHostname: string;
  receivingMxHelo: string;
  receivingIp: string;
  failedSessionCount: number;
  additionalInformation: string;
  failureReasonCode: string;
  /** The failure-reason-code as a person reads it: the engine's Text when it kept one, else the code as sent. */
  failureReason: Text | string;
}

export interface PolicyView {
  policyType: string;
  policyDomain: string;
  policyStrings: string[];
  mxHosts: string[];
  successes: number;
  failures: number;
  details: FailureDetailView[];
}

export interface ReportView {
  organization: string;
  contact: string;
  reportId: string;
  start: string;
  end: string;
  policies: PolicyView[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(str).filter((s) => s !== '') : []);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

function failureDetail(d: Json, reasonText: Text | undefined): FailureDetailView {
  const failureReasonCode = str(d['failure-reason-code']);
  return {
    resultType: str(d['result-type']),
    sendingMtaIp: str(d['sending-mta-ip']),
    receivingMxHostname: str(d['receiving-mx-hostname']),
    receivingMxHelo: str(d['receiving-mx-helo']),
    receivingIp: str(d['receiving-ip']),
    failedSessionCount: count(d['failed-session-count']),
    additionalInformation: str(d['additional-information']),
    failureReasonCode,
    failureReason: reasonText ?? failureReasonCode,
  };
}

type Reasons = TlsRptReportInfo['failureReasons'];

/** The Text kept for a failure detail, when it still belongs to the code the report carries. */
function reasonTextOf(reasons: Reasons, policy: number, detail: number, code: unknown): Text | undefined {
  const kept = reasons?.find((r) => r.policy === policy && r.detail === detail && r.reason === code);
  return kept && isText(kept.reasonText) ? kept.reasonText : undefined;
}

function policyView(p: Json, index: number, reasons: Reasons): PolicyView {
  const policy = isObject(p.policy) ? p.policy : {};
  const summary = isObject(p.summary) ? p.summary : {};
  return {
    policyType: str(policy['policy-type']),
    policyDomain: str(policy['policy-domain']),
    policyStrings: strings(policy['policy-string']),
    mxHosts: strings(policy['mx-host']),
    successes: count(summary['total-successful-session-count']),
    failures: count(summary['total-failure-session-count']),
    details: objects(p['failure-details']).map((d, i) => failureDetail(d, reasonTextOf(reasons, index, i, d['failure-reason-code']))),
  };
}

/** reasons: the engine's Texts of the failure reasons (TlsRptReportInfo.failureReasons), if any. */
export function readReport(report: Json, reasons?: Reasons): ReportView {
  const range = isObject(report['date-range']) ? report['date-range'] : {};
  return {
    organization: str(report['organization-name']),
    contact: str(report['contact-info']),
    reportId: str(report['report-id']),
    start: str(range['start-datetime']),
    end: str(range['end-datetime']),
    policies: objects(report.policies).map((p, i) => policyView(p, i, Array.isArray(reasons) ? reasons : undefined)),
  };
}

/** Sessions counted over all policies of a report, for the list. */
export function reportTotals(view: ReportView): { successes: number; failures: number } {
  return view.policies.reduce((sum, p) => ({ successes: sum.successes + p.successes, failures: sum.failures + p.failures }), { successes: 0, failures: 0 });
}
