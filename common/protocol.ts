// The one typed protocol between the renderer and the engine. Carried as JSON over a
// WebSocket on 127.0.0.1 (web mode) or over Electron IPC via the preload bridge (desktop).

import { DNS_EDIT_OPS, DNS_ZONE_MODES, type DnsAnswer, type DnsEditOp, type DnsEditResult, type DnsZoneInfo, type DnsZoneMode } from './dns.ts';
import { ATTACK_NAMES, type AttackInfo, type AttackName, type AttackStatus } from './attack.ts';
import type { CheckerRunResult } from './checker.ts';
import type { LabState, LabSummary } from './labs.ts';
import type { LabHost, MailboxMessage, MailboxPage } from './lab.ts';
import { POLICY_HOST_LESSONS, SENDER_POLICIES, type OutboundMessage, type PolicyHostEntry, type PolicyHostLesson, type SendRequest, type SenderPolicyName, type TlsRptReportInfo } from './sender.ts';
import type { TraceEvent, TracePage } from './trace.ts';
import type { MatrixReport, RunComparison, StoredRun } from './matrix.ts';
import { isScenarioName, type ScenarioEntry } from './scenario-choices.ts';
import type { CaptureReply } from './capture.ts';
import type { DmarcState } from './dmarc.ts';
import type { PostconfEditResult, PostconfState } from './postconf.ts';

import type { Locale } from './i18n/locale.ts';
import type { Text } from './i18n/text.ts';

export type { Locale } from './i18n/locale.ts';

/** Renderer -> engine. */
export type ClientMessage =
  | { type: 'hello' }
  /** locale: the UI's language, given to the shell as SMTP_LAB_LANG (a later switch applies to shells opened after it). */
  | { type: 'pty.open'; cols: number; rows: number; locale?: Locale }
  | { type: 'pty.input'; id: number; data: string }
  | { type: 'pty.resize'; id: number; cols: number; rows: number }
  /** Flow control (xterm.js guide): bytes of pty.data the renderer has written to the terminal. */
  | { type: 'pty.ack'; id: number; bytes: number }
  | { type: 'pty.close'; id: number }
  /** The UI's language changed: the lab tools in this shell speak it from their next command on. */
  | { type: 'pty.locale'; id: number; locale: Locale }
  | { type: 'trace.clear' }
  /** The trace (only these flows, when given), or a kept run, as pcapng with its TLS key log; answered by trace.export. */
  | { type: 'trace.export'; flows?: string[]; run?: string }
  /** The page of trace events before seq `before` (the welcome holds only the newest page). */
  | { type: 'trace.older'; before: number }
  /** The page of mailbox messages before message id `before`. */
  | { type: 'mailbox.older'; before: string }
  | { type: 'dns.zones' }
  /** `rrtype` is the record type: `type` names the message. */
  | { type: 'dns.edit'; op: DnsEditOp; zone: string; name: string; rrtype: string; ttl?: number; value?: string }
  | { type: 'dns.mode'; zone: string; mode: DnsZoneMode }
  | { type: 'dns.query'; name: string; rrtype: string; validate: boolean }
  /** Queue a message at the sending MTA. */
  | { type: 'send.submit'; request: SendRequest }
  /** Retry a deferred message now instead of at its next retry time. */
  | { type: 'send.retry'; id: string }
  /** Serve this MTA-STS policy text for the domain (lesson null: a normal answer). */
  | { type: 'policy.set'; domain: string; text: string; lesson: PolicyHostLesson | null }
  /** Build the TLS-RPT reports of the sessions counted so far and send them to each rua. */
  | { type: 'tlsrpt.flush' }
  /** Build mx.example.jp's DMARC aggregate reports of the evaluations counted so far and send them to each rua. */
  | { type: 'dmarc.flush' }
  | { type: 'attack.set'; name: AttackName; params: Record<string, string> }
  | { type: 'attack.off' }
  /** Run the mail checker against a lab domain; answered by checker.result. */
  | { type: 'checker.run'; domain: string }
  /** main.cf of the lab's MTAs: the whole text (the main.cf pane) or postconf -e assignments; answered by postconf.result. */
  | { type: 'postconf.edit'; text: string }
  | { type: 'postconf.edit'; assignments: string[] }
  /** Back to the lab's own main.cf. */
  | { type: 'postconf.reset' }
  /** The guided labs with this user's progress; answered by labs.list. */
  | { type: 'labs.list' }
  /** Opens a lab: the whole lab is reset to the lab's scenario and its steps are tracked (docs/labs.md). */
  | { type: 'lab.open'; id: string }
  /** Starts the lab again from its scenario; the steps already done stay done. */
  | { type: 'lab.reset'; id: string }
  /** Forgets this lab's ticked steps and quiz answers. */
  | { type: 'lab.progress.reset'; id: string }
  | { type: 'lab.quiz.answer'; id: string; question: string; choice: string }
  /** Runs the attack matrix (docs/matrix.md), every cell in a lab of its own; answered by matrix.result. */
  | { type: 'matrix.run' }
  /** A stored run (a matrix cell, a side of a comparison) by id; answered by run.opened. */
  | { type: 'run.open'; id: string }
  /** The stored run's scenario as run and with one toggle (KEY=VALUE, docs/scenarios.md), side by side; answered by compare.result. */
  | { type: 'compare.run'; run: string; toggle: string }
  /** The same from a scenario file, scenarios/<scenario>.yaml. */
  | { type: 'compare.run'; scenario: string; toggle: string }
  /** The scenario files a comparison can start from, with their toggle choices; answered by scenarios.list. */
  | { type: 'scenarios.list' };

/** Engine -> renderer. */
export type ServerMessage =
  /**
   * The newest page of the trace and of the mailbox, oldest first; `traceOlder`/`mailboxOlder` more
   * are kept before them (ask with trace.older / mailbox.older), `traceDropped`/`mailboxDropped`
   * were let go to bound the lab's memory.
   */
  | { type: 'welcome'; hosts: LabHost[]; trace: TraceEvent[]; mailbox: MailboxMessage[]; systemLocale: Locale; traceOlder: number; traceDropped: number; mailboxOlder: number; mailboxDropped: number }
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'trace.cleared' }
  | { type: 'trace.export'; capture: CaptureReply | null }
  | { type: 'trace.older'; page: TracePage }
  | { type: 'mailbox.added'; message: MailboxMessage }
  | { type: 'mailbox.older'; page: MailboxPage }
  /** The receiver let these (oldest) messages go to bound its memory. */
  | { type: 'mailbox.dropped'; ids: string[] }
  | { type: 'pty.opened'; id: number }
  | { type: 'pty.data'; id: number; data: string }
  | { type: 'pty.exit'; id: number; exitCode: number; signal?: number }
  /** message is English (logs, tests); messageText, when present, is the same sentence for the reader's language. */
  | { type: 'error'; message: string; messageText?: Text }
  | { type: 'dns.zones'; zones: DnsZoneInfo[] }
  /** The outcome of dns.edit or dns.mode; a refusal names the field. */
  | { type: 'dns.result'; request: 'edit' | 'mode'; result: DnsEditResult }
  | { type: 'dns.answer'; answer: DnsAnswer }
  /** Sent after welcome: the sender's queue, newest first; then one outbox.updated per change. */
  | { type: 'outbox'; messages: OutboundMessage[] }
  | { type: 'outbox.updated'; message: OutboundMessage }
  /** A refused send.submit (bad address, unknown domain...). */
  | { type: 'send.refused'; message: string; messageText?: Text }
  /** Every TLS-RPT report built so far, newest first (after welcome and after each new one). */
  | { type: 'tlsrpt.reports'; reports: TlsRptReportInfo[] }
  /** mx.example.jp's DMARC evaluations not yet reported and its reports (after welcome and after each change). */
  | { type: 'dmarc.state'; state: DmarcState }
  /** What the policy host serves (after welcome and after each policy.set). */
  | { type: 'policy.entries'; entries: PolicyHostEntry[] }
  /** The attacks the lab knows (after welcome). */
  | { type: 'attack.list'; attacks: AttackInfo[] }
  /** After welcome, after attack.set/off and whenever the attacker learns something. */
  | { type: 'attack.status'; status: AttackStatus }
  /** A mail checker run's result, whoever started it (checker.run, `lab checker`); the last report after welcome. */
  | { type: 'checker.result'; result: CheckerRunResult }
  /** postconf -n of the lab (after welcome and after every change, whoever made it). */
  | { type: 'postconf.state'; state: PostconfState }
  /** The answer to postconf.edit: what changed, or every refused line with its reason. */
  | { type: 'postconf.result'; result: PostconfEditResult }
  /**
   * After welcome, on labs.list and after every change of progress. `active`: the lab the running
   * lab is set up for (null: none), so a reloaded window does not open it again.
   */
  | { type: 'labs.list'; labs: LabSummary[]; active: string | null }
  /** On lab.open, lab.reset, and on every step, quiz or progress change of a lab. */
  | { type: 'lab.state'; state: LabState }
  /**
   * The lab was reset (to lab `id`'s scenario, or to the plain lab when null): the mailbox and the
   * outbox are empty; fresh outbox, policy.entries, attack.status and dns.zones follow.
   */
  | { type: 'lab.reset'; id: string | null }
  | { type: 'matrix.result'; report: MatrixReport | null; error?: string; errorText?: Text }
  | { type: 'run.opened'; id: string; run: StoredRun | null }
  | { type: 'compare.result'; comparison: RunComparison | null; error?: string; errorText?: Text }
  | { type: 'scenarios.list'; scenarios: ScenarioEntry[] };

/** Every ClientMessage type, for the parser and for whoever relays messages (the desktop shell). */
export const CLIENT_TYPES: ReadonlySet<string> = new Set(['hello', 'pty.open', 'pty.input', 'pty.resize', 'pty.ack', 'pty.close', 'pty.locale', 'trace.clear', 'trace.export', 'trace.older', 'mailbox.older', 'dns.zones', 'dns.edit', 'dns.mode', 'dns.query', 'send.submit', 'send.retry', 'policy.set', 'tlsrpt.flush', 'dmarc.flush', 'attack.set', 'attack.off', 'checker.run', 'postconf.edit', 'postconf.reset', 'labs.list', 'lab.open', 'lab.reset', 'lab.progress.reset', 'lab.quiz.answer', 'matrix.run', 'run.open', 'compare.run', 'scenarios.list']);

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** A domain name as typed: at most 253 octets of printable ASCII without spaces (RFC 1035 §2.3.4). */
export const isDnsName = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 254 && /^[\x21-\x7e]+$/.test(v);
/** A record type mnemonic (MX, TLSA) or TYPEnnn (RFC 3597 §5). */
export const isDnsType = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9]{0,15}$/.test(v);

const has = (m: Record<string, unknown>, allowed: string[]) => Object.keys(m).every((key) => allowed.includes(key));

/** Validates an untrusted message from a renderer; returns null when its shape is wrong. */
export function parseClientMessage(value: unknown): ClientMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string' || !CLIENT_TYPES.has(m.type)) return null;
  switch (m.type) {
    case 'hello':
    case 'trace.clear':
      return { type: m.type };
    case 'trace.export':
      if (m.run !== undefined) return has(m, ['type', 'run']) && typeof m.run === 'string' && m.run.length <= 120 && /^[a-z0-9]+(?:\.[a-z0-9-]+)+$/.test(m.run) ? { type: 'trace.export', run: m.run } : null;
      if (m.flows === undefined) return has(m, ['type']) ? { type: 'trace.export' } : null;
      return has(m, ['type', 'flows']) && Array.isArray(m.flows) && m.flows.length <= 10_000 && m.flows.every((f) => typeof f === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(f)) ? { type: 'trace.export', flows: m.flows as string[] } : null;
    case 'trace.older':
      return has(m, ['type', 'before']) && isInt(m.before, 0, Number.MAX_SAFE_INTEGER) ? { type: 'trace.older', before: m.before } : null;
    case 'mailbox.older':
      return has(m, ['type', 'before']) && typeof m.before === 'string' && m.before.length <= 64 ? { type: 'mailbox.older', before: m.before } : null;
    case 'pty.open':
      if (!isInt(m.cols, 1, 1000) || !isInt(m.rows, 1, 1000)) return null;
      return m.locale === 'ja' || m.locale === 'en' ? { type: 'pty.open', cols: m.cols, rows: m.rows, locale: m.locale } : { type: 'pty.open', cols: m.cols, rows: m.rows };
    case 'pty.input':
      return isInt(m.id, 0, 2 ** 31) && typeof m.data === 'string' && m.data.length <= 1 << 20
        ? { type: 'pty.input', id: m.id, data: m.data }
        : null;
    case 'pty.resize':
      return isInt(m.id, 0, 2 ** 31) && isInt(m.cols, 1, 1000) && isInt(m.rows, 1, 1000)
        ? { type: 'pty.resize', id: m.id, cols: m.cols, rows: m.rows }
        : null;
    case 'pty.ack':
      return isInt(m.id, 0, 2 ** 31) && isInt(m.bytes, 0, 2 ** 31) ? { type: 'pty.ack', id: m.id, bytes: m.bytes } : null;
    case 'pty.close':
      return isInt(m.id, 0, 2 ** 31) ? { type: 'pty.close', id: m.id } : null;
    case 'pty.locale':
      return isInt(m.id, 0, 2 ** 31) && (m.locale === 'ja' || m.locale === 'en') ? { type: 'pty.locale', id: m.id, locale: m.locale } : null;
    case 'dns.zones':
      return has(m, ['type']) ? { type: 'dns.zones' } : null;
    case 'dns.edit':
      return parseDnsEdit(m);
    case 'dns.mode':
      return has(m, ['type', 'zone', 'mode']) && isDnsName(m.zone) && DNS_ZONE_MODES.includes(m.mode as DnsZoneMode)
        ? { type: 'dns.mode', zone: m.zone, mode: m.mode as DnsZoneMode }
        : null;
    case 'dns.query':
      return has(m, ['type', 'name', 'rrtype', 'validate']) && isDnsName(m.name) && isDnsType(m.rrtype) && typeof m.validate === 'boolean'
        ? { type: 'dns.query', name: m.name, rrtype: m.rrtype, validate: m.validate }
        : null;
    case 'send.submit': {
      const request = has(m, ['type', 'request']) ? parseSendRequest(m.request) : null;
      return request ? { type: 'send.submit', request } : null;
    }
    case 'send.retry':
      return has(m, ['type', 'id']) && typeof m.id === 'string' && m.id.length <= 64 ? { type: 'send.retry', id: m.id } : null;
    case 'policy.set':
      return has(m, ['type', 'domain', 'text', 'lesson']) &&
        isDnsName(m.domain) &&
        typeof m.text === 'string' &&
        m.text.length <= 1 << 20 &&
        (m.lesson === null || POLICY_HOST_LESSONS.includes(m.lesson as PolicyHostLesson))
        ? { type: 'policy.set', domain: m.domain, text: m.text, lesson: m.lesson as PolicyHostLesson | null }
        : null;
    case 'tlsrpt.flush':
    case 'dmarc.flush':
    case 'attack.off':
      return has(m, ['type']) ? { type: m.type } : null;
    case 'attack.set':
      return has(m, ['type', 'name', 'params']) && ATTACK_NAMES.includes(m.name as AttackName) && isStringRecord(m.params)
        ? { type: 'attack.set', name: m.name as AttackName, params: m.params }
        : null;
    case 'checker.run':
      return has(m, ['type', 'domain']) && isDnsName(m.domain) ? { type: 'checker.run', domain: m.domain } : null;
    case 'postconf.edit':
      return parsePostconfEdit(m);
    case 'postconf.reset':
      return has(m, ['type']) ? { type: 'postconf.reset' } : null;
    case 'labs.list':
      return has(m, ['type']) ? { type: 'labs.list' } : null;
    case 'lab.open':
    case 'lab.reset':
    case 'lab.progress.reset':
      return has(m, ['type', 'id']) && isLabId(m.id) ? { type: m.type, id: m.id } : null;
    case 'matrix.run':
      return has(m, ['type']) ? { type: 'matrix.run' } : null;
    case 'run.open':
      return has(m, ['type', 'id']) && isRunRef(m.id) ? { type: 'run.open', id: m.id } : null;
    case 'compare.run': {
      if (typeof m.toggle !== 'string' || m.toggle.length < 3 || m.toggle.length > 512) return null;
      if (m.scenario !== undefined) return has(m, ['type', 'scenario', 'toggle']) && isScenarioName(m.scenario) ? { type: 'compare.run', scenario: m.scenario, toggle: m.toggle } : null;
      return has(m, ['type', 'run', 'toggle']) && isRunRef(m.run) ? { type: 'compare.run', run: m.run, toggle: m.toggle } : null;
    }
    case 'scenarios.list':
      return has(m, ['type']) ? { type: 'scenarios.list' } : null;
    case 'lab.quiz.answer':
      return has(m, ['type', 'id', 'question', 'choice']) && isLabId(m.id) && isLabId(m.question) && isLabId(m.choice)
        ? { type: 'lab.quiz.answer', id: m.id, question: m.question, choice: m.choice }
        : null;
  }
  return null;
}

/** A main.cf of at most 64 KiB, or at most 64 assignments of at most 4 KiB each. */
function parsePostconfEdit(m: Record<string, unknown>): ClientMessage | null {
  if (has(m, ['type', 'text']) && typeof m.text === 'string' && m.text.length <= 64 * 1024) return { type: 'postconf.edit', text: m.text };
  const a = m.assignments;
  if (has(m, ['type', 'assignments']) && Array.isArray(a) && a.length >= 1 && a.length <= 64 && a.every((x) => typeof x === 'string' && x.length <= 4096)) {
    return { type: 'postconf.edit', assignments: [...a] as string[] };
  }
  return null;
}

function parseDnsEdit(m: Record<string, unknown>): ClientMessage | null {
  if (!has(m, ['type', 'op', 'zone', 'name', 'rrtype', 'ttl', 'value'])) return null;
  if (!DNS_EDIT_OPS.includes(m.op as DnsEditOp) || !isDnsName(m.zone) || typeof m.name !== 'string' || m.name.length > 254 || !isDnsType(m.rrtype)) return null;
  if (m.ttl !== undefined && !isInt(m.ttl, 0, 2 ** 31 - 1)) return null;
  // A TXT value may hold several 255-octet strings; 8 KiB is far beyond any lab record.
  if (m.value !== undefined && (typeof m.value !== 'string' || m.value.length > 8192)) return null;
  const edit: Extract<ClientMessage, { type: 'dns.edit' }> = { type: 'dns.edit', op: m.op as DnsEditOp, zone: m.zone, name: m.name, rrtype: m.rrtype };
  if (m.ttl !== undefined) edit.ttl = m.ttl as number;
  if (m.value !== undefined) edit.value = m.value as string;
  return edit;
}

/** A stored run's id (engine/matrix/run-store.ts): "<batch>.<name>...". */
const isRunRef = (v: unknown): v is string => typeof v === 'string' && v.length <= 120 && /^[a-z0-9]+(?:\.[a-z0-9-]+)+$/.test(v);

/** A lab, step, question or choice id: a short name of letters, digits and dashes. */
export const isLabId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v);

/** Attack parameters: a few names mapped to short strings. */
export const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length <= 16 && Object.values(v).every((x) => typeof x === 'string' && x.length <= 256);

const isAddress = (v: unknown): v is string => typeof v === 'string' && v.length >= 3 && v.length <= 320 && /^[^\s<>@]+@[^\s<>@]+$/.test(v);

/** A send request from a renderer or the HTTP API; null when a field is missing or malformed. */
export function parseSendRequest(value: unknown): SendRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (!has(r, ['from', 'to', 'subject', 'body', 'policy', 'dnssec', 'requireTls', 'tlsRequiredNo', 'fallbackScsv'])) return null;
  if (!isAddress(r.from) || !Array.isArray(r.to) || r.to.length < 1 || r.to.length > 50 || !r.to.every(isAddress)) return null;
  if (typeof r.subject !== 'string' || r.subject.length > 998 || typeof r.body !== 'string' || r.body.length > 1 << 20) return null;
  if (r.policy !== undefined && !SENDER_POLICIES.includes(r.policy as SenderPolicyName)) return null;
  const flags = ['dnssec', 'requireTls', 'tlsRequiredNo', 'fallbackScsv'] as const;
  if (flags.some((flag) => r[flag] !== undefined && typeof r[flag] !== 'boolean')) return null;
  const request: SendRequest = { from: r.from, to: [...r.to], subject: r.subject, body: r.body, ...(r.policy !== undefined ? { policy: r.policy as SenderPolicyName } : {}) };
  for (const flag of flags) if (r[flag] !== undefined) request[flag] = r[flag] as boolean;
  return request;
}
