// The seam where an attacker sits between the resolver and the lab server: it sees each query
// and reply and may pass it, replace the reply, or drop it. Unsigned zones believe what it
// writes; signed zones come back bogus (RFC 4033 §3, RFC 4035 §4.3).
import dnsPacket from 'dns-packet';
import type { DecodedPacket } from 'dns-packet';
import { text } from '../../../common/i18n/text.ts';
import { TextError } from '../../../common/i18n/text-error.ts';
import type { DnsForgery } from '../../../common/trace-details.ts';
import type { DnsExchange } from './exchange.ts';
import { normalizeName } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';

/** What a forger did, as the trace shows it: `note` in English, `change` and `question` as fields. */
type Forged = { note: string; change: DnsForgery['change']; question: string; records?: number };

export type ForgerAction = { action: 'pass' } | ({ action: 'replace'; reply: Buffer } & Forged) | ({ action: 'drop' } & Forged);

export interface DnsForger {
  name: string;
  /** Called for every reply on the path; `query` and `reply` decoded for convenience. */
  onReply(query: DecodedPacket, reply: DecodedPacket, raw: Buffer): ForgerAction;
}

export interface ForgeryReport extends Forged {
  forger: string;
  action: 'replace' | 'drop';
  before: Buffer;
  after: Buffer | null;
}

/** Wraps an exchange so every reply passes the forgers in turn; `onForgery` hears each change. */
export function forgedExchange(exchange: DnsExchange, forgers: () => DnsForger[], onForgery?: (report: ForgeryReport) => void): DnsExchange {
  return async (query) => {
    let raw = await exchange(query);
    const active = forgers();
    if (active.length === 0) return raw;
    const decodedQuery = dnsPacket.decode(query);
    for (const forger of active) {
      let reply: DecodedPacket;
      try {
        reply = dnsPacket.decode(raw);
      } catch {
        continue;
      }
      const action = forger.onReply(decodedQuery, reply, raw);
      if (action.action === 'pass') continue;
      const { note, change, question, records } = action;
      onForgery?.({ forger: forger.name, action: action.action, note, change, question, ...(records !== undefined ? { records } : {}), before: raw, after: action.action === 'replace' ? action.reply : null });
      if (action.action === 'drop') throw new TextError(text('dnsWire.dropped', { forger: forger.name }));
      raw = action.reply;
    }
    return raw;
  };
}

function questionOf(packet: DecodedPacket): { name: string; type: string } | null {
  const q = packet.questions?.[0];
  return q ? { name: normalizeName(q.name), type: q.type } : null;
}

function reencode(reply: DecodedPacket, answers: Rr[]): Buffer {
  return dnsPacket.encode({ ...reply, type: 'response', answers, authorities: reply.authorities ?? [], additionals: reply.additionals ?? [] });
}

/**
 * A forger that rewrites the answer to one question: it replaces the RRset of that name and type
 * with `records` (keeping whatever RRSIGs were there: they no longer match), or removes it when
 * `records` is empty. Examples: MX to an impostor, `_mta-sts` TXT removed, a forged TLSA.
 */
export function answerForger(name: string, type: string, records: Rr[], label = `forge ${name} ${type}`): DnsForger {
  const target = normalizeName(name);
  return {
    name: label,
    onReply(query, reply) {
      const q = questionOf(query);
      if (!q || q.name !== target || q.type !== type) return { action: 'pass' };
      const kept = (reply.answers ?? []).filter((rr) => !(normalizeName(rr.name) === target && rr.type === type)) as Rr[];
      const forged = records.map((rr) => ({ ...rr, name: target }));
      const question = `${target} ${type}`;
      const reencoded = reencode(reply, [...forged, ...kept]);
      if (records.length === 0) return { action: 'replace', reply: reencoded, note: `${question} removed`, change: 'removed', question };
      return { action: 'replace', reply: reencoded, note: `${question} replaced (${records.length} record(s))`, change: 'replaced', question, records: records.length };
    },
  };
}

/** A forger that drops every reply to one question (no answer at all: the resolver times out or gives up). */
export function dropForger(name: string, type: string): DnsForger {
  const target = normalizeName(name);
  return {
    name: `drop ${name} ${type}`,
    onReply(query) {
      const q = questionOf(query);
      return q && q.name === target && q.type === type ? { action: 'drop', note: `reply to ${target} ${type} dropped`, change: 'dropped', question: `${target} ${type}` } : { action: 'pass' };
    },
  };
}
