// Step checks evaluated against one moment of the lab: a trace event, a message arriving in the
// mailbox, or an outbound message after a round of delivery, together with the lab's state at that
// moment (zones, receiver key, the attack switched on). Pure: the tracker feeds moments in, tests feed scripted ones.
import { authSummary } from '../../common/auth.ts';
import type { MailboxMessage } from '../../common/lab.ts';
import type { OutboundMessage } from '../../common/sender.ts';
import type { TraceEvent } from '../../common/trace.ts';
import type { Check } from './lab-schema.ts';

export type Moment =
  | { kind: 'trace'; event: TraceEvent }
  /** `client`: the node that opened the connection the message came on ("terminal", "mail.sender.example"). */
  | { kind: 'mailbox'; message: MailboxMessage; client: string | null }
  | { kind: 'outbox'; message: OutboundMessage };

export interface LabStateView {
  /** Records of the zone holding `name`, in presentation form ("owner ttl IN TYPE value"). */
  records(name: string): string[];
  receiver(): { key: 'current' | 'next'; tlsaMatches: { current: boolean; next: boolean } };
  /** sender.example's DKIM keys: which signs, and whether each key's record is in the zone now. */
  dkim(): { signing: 'current' | 'next'; published: { current: boolean; next: boolean } };
  /** The attack switched on now, or null. */
  attacker(): { name: string; params: Record<string, string> } | null;
}

const same = (a: string, b: string) => a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
const contains = (text: unknown, part: string) => typeof text === 'string' && text.toLowerCase().includes(part.toLowerCase());

/** Whether the check holds at this moment. Event parts are tried first: state is read only when they match. */
export function holds(check: Check, moment: Moment, state: LabStateView): boolean {
  if (check.all) {
    const ordered = [...check.all].sort((a, b) => Number(isStateCheck(a)) - Number(isStateCheck(b)));
    return ordered.every((c) => holds(c, moment, state));
  }
  if (check.any) return check.any.some((c) => holds(c, moment, state));
  if (check.trace) return moment.kind === 'trace' && traceMatches(check.trace, moment.event);
  if (check.attack) return moment.kind === 'trace' && attackMatches(check.attack, moment.event);
  if (check.dns) return moment.kind === 'trace' && dnsMatches(check.dns, moment.event);
  if (check.mailbox) return moment.kind === 'mailbox' && mailboxMatches(check.mailbox, moment.message, moment.client);
  if (check.outbox) return moment.kind === 'outbox' && outboxMatches(check.outbox, moment.message);
  if (check.zone) return zoneHolds(check.zone, state);
  if (check.receiver) return receiverHolds(check.receiver, state);
  if (check.dkim) return dkimHolds(check.dkim, state);
  if (check.attacker) return attackerHolds(check.attacker, state);
  return false;
}

function isStateCheck(check: Check): boolean {
  return Boolean(check.zone || check.receiver || check.dkim || check.attacker);
}

function traceMatches(c: NonNullable<Check['trace']>, e: TraceEvent): boolean {
  const d = e.detail ?? {};
  if (c.layer && e.layer !== c.layer) return false;
  if (c.dir && e.dir !== c.dir) return false;
  if (c.from && !same(e.link.from, c.from)) return false;
  if (c.to && !same(e.link.to, c.to)) return false;
  if (c.port !== undefined && e.link.port !== c.port) return false;
  if (c.verb && !(typeof d.verb === 'string' && d.verb.toUpperCase() === c.verb.toUpperCase())) return false;
  if (c.code !== undefined && d.code !== c.code) return false;
  if (c.inReplyTo === null && (e.layer !== 'smtp' || d.kind !== 'reply' || (d.inReplyTo ?? null) !== null)) return false;
  if (c.inReplyTo && !(typeof d.inReplyTo === 'string' && d.inReplyTo.toUpperCase() === c.inReplyTo.toUpperCase())) return false;
  if (c.visibility && e.visibility !== c.visibility) return false;
  if (c.insideTls !== undefined && Boolean(d.insideTls) !== c.insideTls) return false;
  if (c.summary && !contains(e.summary, c.summary)) return false;
  if (c.rule && !(e.rule ?? '').startsWith(c.rule)) return false;
  if (c.detail && !partialMatch(c.detail, d)) return false;
  return true;
}

/** Expected fields against actual: objects partially, arrays as "holds every listed element", strings case-insensitively. */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((x) => actual.some((y) => partialMatch(x, y)));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => partialMatch(v, (actual as Record<string, unknown>)[k]));
  }
  if (typeof expected === 'string' && typeof actual === 'string') return expected.toLowerCase() === actual.toLowerCase();
  return expected === actual;
}

function attackMatches(c: NonNullable<Check['attack']>, e: TraceEvent): boolean {
  if (e.layer !== 'attack') return false;
  const d = e.detail ?? {};
  if (c.name && d.attack !== c.name) return false;
  if (c.action && d.action !== c.action) return false;
  if (c.from && !same(e.link.from, c.from)) return false;
  return true;
}

function dnsMatches(c: NonNullable<Check['dns']>, e: TraceEvent): boolean {
  if (e.layer !== 'dns' || e.dir !== 'none') return false;
  const d = e.detail ?? {};
  if (c.answer) {
    const a = c.answer;
    if (typeof d.status !== 'string') return false;
    if (a.name && !(typeof d.name === 'string' && same(d.name, a.name))) return false;
    if (a.type && !(typeof d.type === 'string' && d.type.toUpperCase() === a.type.toUpperCase())) return false;
    if (a.status && d.status !== a.status) return false;
    if (a.client && !same(e.link.from, a.client)) return false;
  }
  if (c.edit) {
    const x = c.edit;
    if (!['add', 'replace', 'delete'].includes(String(d.op))) return false;
    if (x.op && d.op !== x.op) return false;
    if (x.name && !(typeof d.name === 'string' && same(d.name, x.name))) return false;
    if (x.type && !(typeof d.type === 'string' && d.type.toUpperCase() === x.type.toUpperCase())) return false;
    if (x.value && !(Array.isArray(d.after) && d.after.some((r) => contains(r, x.value!)))) return false;
  }
  if (c.mode) {
    if (d.op !== 'mode') return false;
    if (c.mode.zone && !same(e.link.to, c.mode.zone)) return false;
    if (c.mode.mode && d.after !== c.mode.mode) return false;
  }
  return true;
}

function headerFrom(message: MailboxMessage): string | null {
  const value = message.headers.find(([name]) => name.toLowerCase() === 'from')?.[1];
  const address = value?.match(/<([^>]+)>/)?.[1] ?? value?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0];
  return address ? address.toLowerCase() : null;
}

function mailboxMatches(c: NonNullable<Check['mailbox']>, m: MailboxMessage, client: string | null): boolean {
  if (c.client) {
    const wanted = c.client === 'terminal' ? 'terminal' : 'mail.sender.example';
    if (client !== wanted) return false;
  }
  if (c.from && !same(m.envelope.mailFrom, c.from)) return false;
  if (c.to && !m.envelope.rcptTo.some((r) => same(r, c.to!))) return false;
  if (c.subject && !contains(m.subject, c.subject)) return false;
  if (c.body && !contains(m.text, c.body)) return false;
  if (c.tls !== undefined && (m.tls !== null) !== c.tls) return false;
  if (c.tlsVersion && m.tls?.version !== c.tlsVersion) return false;
  if (c.port !== undefined && m.port !== c.port) return false;
  if (c.requireTls !== undefined && m.requireTls !== c.requireTls) return false;
  if (c.received && !contains(m.received, c.received)) return false;
  if (c.folder && (m.folder ?? 'inbox') !== c.folder) return false;
  if (c.auth) {
    if (!m.auth) return false;
    const words = authSummary(m.auth);
    for (const method of ['spf', 'dkim', 'dmarc', 'arc'] as const) {
      if (c.auth[method] && words[method] !== c.auth[method]) return false;
    }
    if (c.auth.header && !contains(m.auth.header, c.auth.header)) return false;
  }
  if (c.headerFromDiffers !== undefined) {
    const from = headerFrom(m);
    const differs = from !== null && from !== m.envelope.mailFrom.toLowerCase();
    if (differs !== c.headerFromDiffers) return false;
  }
  return true;
}

function outboxMatches(c: NonNullable<Check['outbox']>, m: OutboundMessage): boolean {
  if (!m.outcome || m.state === 'queued' || m.state === 'delivering') return false;
  if (c.policy && m.request.policy !== c.policy) return false;
  if (c.state && m.state !== c.state) return false;
  const want = c.outcome;
  if (!want) return true;
  const o = m.outcome;
  if (want.delivered !== undefined && o.delivered !== want.delivered) return false;
  if (want.attackerRead !== undefined && o.attackerRead !== want.attackerRead) return false;
  if (want.stoppedBy !== undefined && (want.stoppedBy === null ? o.stoppedBy !== null : !(o.stoppedBy ?? '').startsWith(want.stoppedBy))) return false;
  if (want.tls === null && o.tls !== null) return false;
  if (want.tls) {
    if (!o.tls) return false;
    if (want.tls.version && o.tls.version !== want.tls.version) return false;
    if (want.tls.authenticated !== undefined && o.tls.authenticated !== want.tls.authenticated) return false;
  }
  if (want.downgrade === null && o.downgrade !== null) return false;
  if (want.downgrade) {
    if (!o.downgrade) return false;
    if (want.downgrade.then && o.downgrade.then !== want.downgrade.then) return false;
    if (want.downgrade.stoppedBy !== undefined && o.downgrade.stoppedBy !== want.downgrade.stoppedBy) return false;
  }
  return true;
}

function zoneHolds(c: NonNullable<Check['zone']>, state: LabStateView): boolean {
  const found = state.records(c.name).some((line) => {
    const fields = line.split(/\s+/);
    // "owner ttl IN TYPE value..."
    const [owner, , , type, ...value] = fields;
    return same(owner, c.name) && type.toUpperCase() === c.type.toUpperCase() && (!c.value || contains(value.join(' '), c.value));
  });
  return found === c.present;
}

function receiverHolds(c: NonNullable<Check['receiver']>, state: LabStateView): boolean {
  const r = state.receiver();
  if (c.key && r.key !== c.key) return false;
  if (c.tlsaMatches?.current !== undefined && r.tlsaMatches.current !== c.tlsaMatches.current) return false;
  if (c.tlsaMatches?.next !== undefined && r.tlsaMatches.next !== c.tlsaMatches.next) return false;
  return true;
}

function dkimHolds(c: NonNullable<Check['dkim']>, state: LabStateView): boolean {
  const d = state.dkim();
  if (c.signing && d.signing !== c.signing) return false;
  if (c.published?.current !== undefined && d.published.current !== c.published.current) return false;
  if (c.published?.next !== undefined && d.published.next !== c.published.next) return false;
  return true;
}

function attackerHolds(c: NonNullable<Check['attacker']>, state: LabStateView): boolean {
  const active = state.attacker();
  if (c.name && (active?.name ?? 'off') !== c.name) return false;
  if (c.params && !(active && Object.entries(c.params).every(([k, v]) => active.params[k] === v))) return false;
  return true;
}
