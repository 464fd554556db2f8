// RFC 7489 §7.2: the receiver's DMARC evaluations counted per policy domain, one row per distinct
// source address, identifiers, results and disposition (Appendix C RecordType), for [start, end).
import type { DmarcPending, DmarcReportRow } from '../../../common/dmarc.ts';
import { canonicalName } from '../dns-name.ts';
import type { DmarcEvaluation } from './evaluation.ts';

const rowKey = (row: DmarcEvaluation['row']): string => JSON.stringify(row);

export class DmarcAggregator {
  private evaluations: DmarcEvaluation[] = [];

  record(evaluation: DmarcEvaluation): void {
    this.evaluations.push(evaluation);
  }

  clear(): void {
    this.evaluations = [];
  }

  /** Forgets what was counted before `end` (it has been reported). */
  dropBefore(end: number): void {
    this.evaluations = this.evaluations.filter((e) => e.at >= end);
  }

  /** Policy domains with at least one evaluation in [start, end). */
  domains(start = -Infinity, end = Infinity): string[] {
    return [...new Set(this.within(start, end).map((e) => e.policy.domain))].sort();
  }

  /**
   * One policy domain over [start, end): the policy and rua as the latest evaluation saw them (a
   * report states one policy_published), and the rows in the order they first appeared.
   */
  aggregate(domain: string, start = -Infinity, end = Infinity): DmarcPending | null {
    const name = canonicalName(domain);
    const scoped = this.within(start, end).filter((e) => e.policy.domain === name);
    const latest = scoped.at(-1);
    if (!latest) return null;
    const rows = new Map<string, DmarcReportRow>();
    for (const e of scoped) {
      const key = rowKey(e.row);
      const row = rows.get(key);
      if (row) row.count += 1;
      else rows.set(key, { ...structuredClone(e.row), count: 1 });
    }
    return { policyDomain: name, policy: latest.policy, rua: latest.rua, messages: scoped.length, rows: [...rows.values()] };
  }

  private within(start: number, end: number): DmarcEvaluation[] {
    return this.evaluations.filter((e) => e.at >= start && e.at < end);
  }
}
