// The checker's report from the facts its probes gathered: one verdict per item, and a score.
import type { CheckerItem, CheckerReport } from '../../common/checker.ts';
import type { CheckerFacts } from './facts.ts';
import { certificateItem } from './items/certificate-item.ts';
import { daneItem, dnssecItem } from './items/dns-items.ts';
import { mtaStsItem, tlsRptItem } from './items/policy-items.ts';
import { arcItem, bimiItem, dkimItem, dmarcItem, spfItem } from './items/auth-items.ts';
import { ciphersItem, starttlsItem, tlsVersionItem } from './items/transport-items.ts';

export const ITEM_VERDICTS: ((facts: CheckerFacts) => CheckerItem)[] = [starttlsItem, tlsVersionItem, ciphersItem, certificateItem, dnssecItem, daneItem, mtaStsItem, tlsRptItem, spfItem, dkimItem, dmarcItem, arcItem, bimiItem];

/** The share of items that pass, 0-100; information items do not count. */
export function score(items: readonly CheckerItem[]): number {
  const counted = items.filter((i) => !i.info);
  return counted.length === 0 ? 0 : Math.round((100 * counted.filter((i) => i.pass).length) / counted.length);
}

export function checkerReport(facts: CheckerFacts, timing: { startedAt: number; durationMs: number }): CheckerReport {
  const items = ITEM_VERDICTS.map((verdict) => verdict(facts));
  return {
    domain: facts.domain,
    score: score(items),
    items,
    mx: facts.hosts.map((h) => h.host),
    startedAt: new Date(timing.startedAt).toISOString(),
    durationMs: timing.durationMs,
  };
}
