// The small vocabulary every checker item is built with.
import type { CheckerFix, CheckerItem, CheckerItemId, CheckerLab } from '../../../common/checker.ts';
import { english, text, type Text } from '../../../common/i18n/text.ts';
import { certPath } from '../../postconf/cert-files.ts';
import type { CheckerFacts, DnsFact, MxFacts } from '../facts.ts';

export interface ItemParts {
  pass: boolean;
  detail: Text;
  /** Sentences, or data lines kept verbatim. */
  evidence: (Text | string)[];
  notes?: Text[];
  fix?: CheckerFix;
}

export function item(id: CheckerItemId, lab: CheckerLab, parts: ItemParts): CheckerItem {
  const notes = parts.notes ?? [];
  return {
    id,
    pass: parts.pass,
    detail: english(parts.detail),
    detailText: parts.detail,
    lab,
    evidence: parts.evidence.map(english),
    evidenceText: parts.evidence,
    notes: notes.map(english),
    notesText: notes,
    ...(parts.pass || !parts.fix ? {} : { fix: parts.fix }),
  };
}

/** "example.jp MX: secure (reason)". */
export function dnsLine(fact: DnsFact): Text {
  const { name, type, status } = fact;
  if (fact.records.length) return text('checker.dnsRecords', { name, type, status, records: fact.records.join(' | ') });
  return fact.rcode === 'NOERROR' ? text('checker.dnsNoRecords', { name, type, status }) : text('checker.dnsRcode', { name, type, status, rcode: fact.rcode });
}

/** Clauses joined with "; " (English) or "。" (Japanese). */
export function clauses(parts: readonly Text[]): Text {
  return parts.slice(0, -1).reduceRight((rest, first) => text('checker.problems', { first, rest }), parts.at(-1)!);
}

/** A lookup's line with the resolver's reason. */
export const dnsLineWithReason = (fact: DnsFact): Text => text('checker.withReason', { line: dnsLine(fact), reason: fact.reasonText ?? fact.reason });

/** The hosts an SMTP item can look at; when the MX lookup gave none, the item fails with that reason. */
export function mxHostsOr(facts: CheckerFacts, id: CheckerItemId, lab: CheckerLab): MxFacts[] | ReturnType<typeof item> {
  if (facts.plan.ok && facts.hosts.length > 0) return facts.hosts;
  const why = facts.plan.ok ? text('checker.noMxToTest') : (facts.plan.reasonText ?? facts.plan.reason);
  return item(id, lab, {
    pass: false,
    detail: text('checker.untestable', { domain: facts.domain, why }),
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
