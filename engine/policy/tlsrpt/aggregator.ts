// RFC 8460 §4: counting sessions per policy, with failure details per result type, sending and
// receiving host. The sender records one outcome per SMTP session; reports are built from here.
import type { Text } from '../../../common/i18n/text.ts';
import type { PolicyDecision, TlsRptResultType } from '../decision.ts';
import { canonicalName } from '../dns-name.ts';
import { formatTlsa, type TlsaRecord } from '../dane/tlsa-record.ts';
import type { MtaStsPolicy } from '../mta-sts/policy-file.ts';

export type TlsRptPolicyType = 'tlsa' | 'sts' | 'no-policy-found';

export interface TlsRptPolicy {
  type: TlsRptPolicyType;
  /** The Policy Domain: the recipient domain. */
  domain: string;
  /** The policy as applied: MTA-STS policy lines, or TLSA records in presentation form. */
  strings: string[];
  /** The mx patterns of an MTA-STS policy, or the MX host a TLSA RRset belongs to. */
  mxHost: string[];
}

export interface FailureDetail {
  resultType: TlsRptResultType;
  sendingMtaIp: string;
  receivingMxHostname: string;
  receivingMxHelo?: string;
  receivingIp: string;
  /** The sender's reason in English, as the report carries it (§4.4 failure-reason-code). */
  failureReasonCode?: string;
  /** The same reason as a catalogue Text, for a person reading the report in another language. */
  failureReasonText?: Text;
  additionalInformation?: string;
}

export interface SessionOutcome {
  policy: TlsRptPolicy;
  /** Milliseconds since the epoch. */
  at: number;
  /** Absent for a successful session. */
  failure?: FailureDetail;
}

export interface PolicyAggregate {
  policy: TlsRptPolicy;
  successes: number;
  failures: number;
  details: { detail: FailureDetail; count: number }[];
}

export function stsPolicy(domain: string, policy: MtaStsPolicy): TlsRptPolicy {
  return { type: 'sts', domain: canonicalName(domain), strings: [...policy.lines], mxHost: [...policy.mx] };
}

export function tlsaPolicy(domain: string, mxHost: string, records: readonly TlsaRecord[]): TlsRptPolicy {
  return { type: 'tlsa', domain: canonicalName(domain), strings: records.map(formatTlsa), mxHost: [canonicalName(mxHost)] };
}

export function noPolicyFound(domain: string): TlsRptPolicy {
  return { type: 'no-policy-found', domain: canonicalName(domain), strings: [], mxHost: [] };
}

/** A decision's TLS-RPT meaning: a failure when it names a result type, else a success. */
export function outcomeOf(
  decision: Pick<PolicyDecision, 'tlsrptResult' | 'reason' | 'reasonText'>,
  policy: TlsRptPolicy,
  hosts: { sendingMtaIp: string; receivingMxHostname: string; receivingIp: string; receivingMxHelo?: string },
  at: number,
): SessionOutcome {
  if (!decision.tlsrptResult) return { policy, at };
  const failure: FailureDetail = { resultType: decision.tlsrptResult, ...hosts, failureReasonCode: decision.reason, ...(decision.reasonText ? { failureReasonText: decision.reasonText } : {}) };
  return { policy, at, failure };
}

const policyKey = (p: TlsRptPolicy) => JSON.stringify([p.type, p.domain, p.strings, p.mxHost]);
const detailKey = (d: FailureDetail) =>
  JSON.stringify([d.resultType, d.sendingMtaIp, d.receivingMxHostname, d.receivingMxHelo ?? '', d.receivingIp, d.failureReasonCode ?? '', d.additionalInformation ?? '']);

export class TlsRptAggregator {
  private readonly byPolicy = new Map<string, { policy: TlsRptPolicy; successes: number; failures: number; details: Map<string, { detail: FailureDetail; count: number }> }>();
  private readonly outcomes: SessionOutcome[] = [];

  record(outcome: SessionOutcome): void {
    this.outcomes.push(outcome);
    const key = policyKey(outcome.policy);
    let entry = this.byPolicy.get(key);
    if (!entry) {
      entry = { policy: outcome.policy, successes: 0, failures: 0, details: new Map() };
      this.byPolicy.set(key, entry);
    }
    if (!outcome.failure) {
      entry.successes += 1;
      return;
    }
    entry.failures += 1;
    const dk = detailKey(outcome.failure);
    const detail = entry.details.get(dk);
    if (detail) detail.count += 1;
    else entry.details.set(dk, { detail: outcome.failure, count: 1 });
  }

  /** Policy domains with at least one session in [start, end). */
  domains(start = -Infinity, end = Infinity): string[] {
    return [...new Set(this.outcomes.filter((o) => o.at >= start && o.at < end).map((o) => o.policy.domain))].sort();
  }

  /** The aggregates of one policy domain over [start, end). */
  aggregates(domain: string, start = -Infinity, end = Infinity): PolicyAggregate[] {
    const scoped = new TlsRptAggregator();
    for (const o of this.outcomes) if (o.policy.domain === canonicalName(domain) && o.at >= start && o.at < end) scoped.record(o);
    return [...scoped.byPolicy.values()].map((e) => ({ policy: e.policy, successes: e.successes, failures: e.failures, details: [...e.details.values()] }));
  }
}
