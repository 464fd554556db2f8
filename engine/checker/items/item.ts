// The small vocabulary every checker item is built with.
import type { CheckerFix, CheckerItem, CheckerItemId, CheckerLab } from '../../../common/checker.ts';
import { certPath } from '../../postconf/cert-files.ts';
import type { CheckerFacts, DnsFact, MxFacts } from '../facts.ts';

export interface ItemParts {
  pass: boolean;
  detail: string;
  evidence: string[];
  notes?: string[];
  fix?: CheckerFix;
}

export function item(id: CheckerItemId, lab: CheckerLab, parts: ItemParts): CheckerItem {
  return { id, pass: parts.pass, detail: parts.detail, lab, evidence: parts.evidence, notes: parts.notes ?? [], ...(parts.pass || !parts.fix ? {} : { fix: parts.fix }) };
}

/** "example.jp MX: secure (reason)". */
export function dnsLine(fact: DnsFact): string {
  const answer = fact.records.length ? ` → ${fact.records.join(' | ')}` : fact.rcode === 'NOERROR' ? ' → no records' : ` → ${fact.rcode}`;
  return `${fact.name} ${fact.type}: ${fact.status}${answer}`;
}

/** The hosts an SMTP item can look at; when the MX lookup gave none, the item fails with that reason. */
export function mxHostsOr(facts: CheckerFacts, id: CheckerItemId, lab: CheckerLab): MxFacts[] | ReturnType<typeof item> {
  if (facts.plan.ok && facts.hosts.length > 0) return facts.hosts;
  const why = facts.plan.ok ? 'no MX host to test' : facts.plan.reason;
  return item(id, lab, {
    pass: false,
    detail: `no mail server of ${facts.domain} could be tested: ${why}`,
    evidence: [dnsLine(facts.mx)],
    fix: {
      en: `Publish an MX record for ${facts.domain} that names a mail server with an address, in a zone that validates.`,
      ja: `${facts.domain} の MX レコードを、アドレスを持つメールサーバーを指す形で、検証が通るゾーンに公開してください。`,
      lines: [`${facts.domain}. IN MX 10 mx.${facts.domain}.`],
    },
  });
}

export const isItem = (v: unknown): v is CheckerItem => typeof v === 'object' && v !== null && 'id' in v && 'pass' in v;

/** "mx.example.jp (192.0.2.25)". */
export const hostName = (host: MxFacts): string => (host.ip ? `${host.host} (${host.ip})` : host.host);

/** The key and full chain the lab keeps for mx.example.jp, as main.cf names them. */
export const LAB_CHAIN_FILES = `smtpd_tls_chain_files = ${certPath('valid', 'privkey')}, ${certPath('valid', 'fullchain')}`;
