// The resolver's trace events (layer "dns"): each query and reply on the wire, and the verdict.
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

export function queryEvent(flow: string, link: TraceEvent['link'], name: string, type: string, bytes: Buffer, purpose: string): DnsTraceInput {
  return { flow, link, layer: 'dns', dir: 'c2s', raw: bytes.toString('base64'), summary: `${name} ${type} ?${purpose === 'question' ? '' : ` (${purpose})`}`, detail: { kind: 'query', name, type, purpose, dnssecOk: true } satisfies DnsDetail, visibility: 'plaintext' };
}

export function replyEvent(flow: string, link: TraceEvent['link'], name: string, type: string, bytes: Buffer, rcode: string, answers: Rr[], authorities: Rr[], purpose: string): DnsTraceInput {
  const shown = answerSummary(answers, type);
  const sigs = rrsigSummary([...answers, ...authorities]);
  const summary = `${name} ${type} -> ${shown || rcode}${sigs.length ? ` (${sigs.length} RRSIG)` : ''}`;
  return {
    flow,
    link,
    layer: 'dns',
    dir: 's2c',
    raw: bytes.toString('base64'),
    summary,
    detail: { kind: 'reply', name, type, purpose, rcode, answers: answers.filter((rr) => rr.type !== 'RRSIG').map(rdataShort), rrsigs: sigs } satisfies DnsDetail,
    visibility: 'plaintext',
  };
}

/** A reply the attacker changed or dropped on the path, as an attack row like the attacker's own (engine/attack/attack-rows.ts). */
export function forgeryEvent(flow: string, link: TraceEvent['link'], report: ForgeryReport): DnsTraceInput {
  const after = (report.after ?? Buffer.alloc(0)).toString('base64');
  return {
    flow,
    link,
    layer: 'attack',
    dir: 's2c',
    raw: after,
    summary: `${report.forger}: ${report.note}`,
    detail: {
      kind: 'attack',
      attack: 'dns-spoof',
      action: report.action === 'drop' ? 'kill' : 'forge',
      forger: report.forger,
      note: report.note,
      forgery: { forger: report.forger, change: report.change, question: report.question, ...(report.records !== undefined ? { records: report.records } : {}) },
    } satisfies AttackDetail,
    rule: 'RFC 4033 §3',
    visibility: 'plaintext',
    attack: { before: report.before.toString('base64'), after },
  };
}
