// The resolver's trace events (layer "dns"): each query and reply on the wire, and the verdict.
import { english, text, type Text } from '../../../common/i18n/text.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import type { AttackDetail, DnsDetail } from '../../../common/trace-details.ts';
import { rdataShort } from '../wire/present.ts';
import type { Rr } from '../wire/records.ts';
import type { ForgeryReport } from './forger.ts';

export type DnsTraceInput = Omit<TraceEvent, 'seq' | 't'>;
export type DnsEmit = (event: DnsTraceInput) => void;

export const DNS_PORT = 53;

export function answerSummary(answers: Rr[], type: string): string {
  const data = answers.filter((rr) => rr.type !== 'RRSIG' && (rr.type === type || rr.type === 'CNAME' || type === 'ANY'));
  if (data.length === 0) return '';
  const shown = data.slice(0, 3).map((rr) => (rr.type === type ? rdataShort(rr) : `${rr.type} ${rdataShort(rr)}`));
  return shown.join(', ') + (data.length > 3 ? `, +${data.length - 3}` : '');
}

export function rrsigSummary(rrs: Rr[]): { covered: string; keyTag: number; signer: string; expiration: number }[] {
  return rrs.flatMap((rr) => (rr.type === 'RRSIG' ? [{ covered: rr.data.typeCovered, keyTag: rr.data.keyTag, signer: rr.data.signersName, expiration: rr.data.expiration }] : []));
}

/** A query asked to walk the chain of trust says so; the question itself is protocol text. */
export function queryEvent(flow: string, link: TraceEvent['link'], name: string, type: string, bytes: Buffer, purpose: 'question' | 'chain'): DnsTraceInput {
  const query = `${name} ${type} ?`;
  const chain = purpose === 'chain' ? text('row.dnsChainQuery', { query }) : null;
  return {
    flow,
    link,
    layer: 'dns',
    dir: 'c2s',
    raw: bytes.toString('base64'),
    summary: chain ? english(chain) : query,
    detail: { kind: 'query', name, type, purpose, dnssecOk: true, ...(chain ? { summaryText: chain } : {}) } satisfies DnsDetail,
    visibility: 'plaintext',
  };
}

export function replyEvent(flow: string, link: TraceEvent['link'], name: string, type: string, bytes: Buffer, rcode: string, answers: Rr[], authorities: Rr[], purpose: string): DnsTraceInput {
  const shown = answerSummary(answers, type);
  const sigs = rrsigSummary([...answers, ...authorities]);
  const answer = `${name} ${type} -> ${shown || rcode}`;
  // The answer is protocol text; only the count of signatures beside it is words.
  const signed: Text | null = sigs.length ? text('row.dnsSigned', { answer, count: sigs.length }) : null;
  return {
    flow,
    link,
    layer: 'dns',
    dir: 's2c',
    raw: bytes.toString('base64'),
    summary: signed ? english(signed) : answer,
    detail: { kind: 'reply', name, type, purpose, rcode, answers: answers.filter((rr) => rr.type !== 'RRSIG').map(rdataShort), rrsigs: sigs, ...(signed ? { summaryText: signed } : {}) } satisfies DnsDetail,
    visibility: 'plaintext',
  };
}

const STATUS_WORDS = { secure: 'row.dnsSecure', insecure: 'row.dnsInsecure', bogus: 'row.dnsBogus', unchecked: 'row.dnsUnchecked' } as const;

/** The resolver's verdict: the answer as protocol text, its DNSSEC status (RFC 4035 §4.3) in words. */
export function verdictSentence(answer: string, status: keyof typeof STATUS_WORDS, cached: boolean): Text {
  const verdict = text('row.dnsVerdict', { answer, status: text(STATUS_WORDS[status]) });
  return cached ? text('row.dnsCached', { verdict }) : verdict;
}

/** A reply the attacker changed or dropped on the path, as an attack row like the attacker's own (engine/attack/attack-rows.ts). */
export function forgeryEvent(flow: string, link: TraceEvent['link'], report: ForgeryReport): DnsTraceInput {
  const after = (report.after ?? Buffer.alloc(0)).toString('base64');
  const summaryText = forgerySentence(report);
  return {
    flow,
    link,
    layer: 'attack',
    dir: 's2c',
    raw: after,
    summary: english(summaryText),
    detail: {
      kind: 'attack',
      attack: 'dns-spoof',
      action: report.action === 'drop' ? 'kill' : 'forge',
      summaryText,
      forger: report.forger,
      note: report.note,
      noteText: summaryText,
      forgery: { forger: report.forger, change: report.change, question: report.question, ...(report.records !== undefined ? { records: report.records } : {}) },
    } satisfies AttackDetail,
    rule: 'RFC 4033 §3',
    visibility: 'plaintext',
    attack: { before: report.before.toString('base64'), after },
  };
}

/** What the forger did to the reply, as the row says it. */
function forgerySentence(report: ForgeryReport): Text {
  const { forger, question } = report;
  if (report.change === 'replaced') return text('row.forgeReplaced', { forger, question, count: report.records ?? 0 });
  return text(report.change === 'removed' ? 'row.forgeRemoved' : 'row.forgeDropped', { forger, question });
}
