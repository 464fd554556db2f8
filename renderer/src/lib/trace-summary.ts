// One ladder row's text in the chosen language, built from the event's decoded `detail`.
// Protocol text (commands and replies as sent, record and message names, cipher suites,
// host names, DNS data) stays verbatim; the lab's own words around it are translated. An
// event whose detail this module does not know keeps the engine's English summary.
import type { TraceEvent } from '../../../common/trace.ts';
import { attackDetail, dnsDetail, httpsDetail, mailboxDetail, noteDetail, tcpDetail, type DnsForgery } from '../../../common/trace-details.ts';
import type { MessageKey } from './i18n/index.ts';
import { attackAction, policy } from './actor-summary.ts';
import { say } from './engine-text.ts';
import { isText } from '../../../common/i18n/text.ts';
import { smtpSummary } from './smtp-summary.ts';
import { tlsSummary } from './tls-summary.ts';
import { after, before, type Translate } from './summary-values.ts';

export type { Translate };

function portOf(event: TraceEvent): string {
  return event.link.port === undefined ? '?' : String(event.link.port);
}

/** The learner's own terminal is named as the rest of the UI names it. */
function nodeName(id: string, t: Translate): string {
  return id === 'terminal' ? t('trace.nodeTerminal') : id;
}

function tcp(event: TraceEvent, t: Translate): string | null {
  const d = tcpDetail(event);
  if (!d) return null;
  const peer = nodeName(event.dir === 's2c' ? event.link.to : event.link.from, t);
  switch (d.kind) {
    case 'open':
      return t('ev.tcpOpen', { from: nodeName(event.link.from, t), to: event.link.to, port: portOf(event) });
    case 'fin':
      return t('ev.tcpFin', { peer });
    case 'reset':
      return t('ev.tcpReset', { peer, error: d.error });
    case 'refused':
      return t('ev.tcpRefused', { to: event.link.to, port: portOf(event), error: d.error });
    case 'blocked':
      return d.summaryText ? say(t, d.summaryText) : null;
    case 'closed':
      return t('ev.tcpClosed', { sent: d.octets.c2s, received: d.octets.s2c });
  }
}

function mailbox(event: TraceEvent, t: Translate): string | null {
  const d = mailboxDetail(event);
  if (!d) return null;
  if (d.kind === 'mailbox-dropped') {
    const ids = d.ids;
    return t('ev.mailboxDropped', { host: event.link.to, count: ids.length, ids: ids.length > 2 ? `${ids[0]}…${ids.at(-1)}` : ids.join(', '), octets: d.octets });
  }
  return t('ev.stored', {
    id: d.id,
    host: event.link.to,
    subject: typeof d.subject === 'string' ? d.subject : t('mailbox.noSubject'),
    from: d.mailFrom,
    // RFC 8689 §4.1: the receiver tags a REQUIRETLS message; the keyword reads the same in every language.
    transport: `${d.tls ? `${d.tls.version}, ${d.tls.cipher}` : t('trace.plaintext')}${d.requireTls === true ? ', REQUIRETLS' : ''}`,
  });
}

function note(event: TraceEvent, d: Record<string, unknown>, t: Translate): string | null {
  const typed = noteDetail(event);
  if (typed?.kind === 'config') {
    const shown = (value: string) => (value === '' ? t('ev.configEmpty') : value);
    return t('ev.configChanged', { node: typed.node, param: typed.param, value: shown(typed.new), old: shown(typed.old) });
  }
  if (typed) return say(t, typed.summaryText);
  // Rows written before the engine carried their sentence as a Text.
  if (d.kind === 'decoder-error') return t('ev.decoderError', { message: after(event.summary, ': ') });
  if (d.kind === 'interceptor-error') return t('ev.interceptorError', { message: after(event.summary, ': ') });
  return null;
}

function https(event: TraceEvent, t: Translate): string | null {
  const d = httpsDetail(event);
  if (!d) return null;
  if (d.kind === 'request') return t('ev.httpsRequest', { request: `${d.method} ${d.path}`, host: d.host || t('ev.none') });
  // The request line is not in the answer's detail; the engine's summary starts with it.
  const request = before(event.summary, ' -> ');
  const text = t('ev.httpsResponse', { request, status: d.status, type: d.contentType ?? '', bytes: d.bytes });
  return d.location !== undefined ? `${text} Location: ${d.location}` : text;
}

const DNS_STATUS: Record<string, MessageKey> = {
  secure: 'ev.dnsSecure',
  insecure: 'ev.dnsInsecure',
  bogus: 'ev.dnsBogus',
  unchecked: 'ev.dnsUnchecked',
};

const ZONE_CHANGE: Record<string, MessageKey> = { add: 'ev.zoneAdded', replace: 'ev.zoneReplaced', delete: 'ev.zoneDeleted' };

function dns(event: TraceEvent, t: Translate): string | null {
  const d = dnsDetail(event);
  if (!d) return null;
  switch (d.kind) {
    case 'zone-mode':
      return t('ev.zoneMode', { zone: d.zone, before: d.before, after: d.after });
    case 'zone-change': {
      const key = ZONE_CHANGE[d.op];
      if (!key) return null;
      // Older rows carry the added record only in their summary.
      const data = d.record ?? after(event.summary, ' -> ');
      const text = t(key, { zone: d.zone, record: `${d.type} ${d.name}` });
      const change = data ? `${text} -> ${data}` : text;
      return typeof d.serial === 'number' ? t('ev.zoneResigned', { change, serial: d.serial }) : change;
    }
    case 'query': {
      const query = `${d.name} ${d.type} ?`;
      return d.purpose === 'question' ? query : t('ev.dnsChain', { query });
    }
    case 'reply': {
      // The answer data is shown exactly as the engine picked it; only the RRSIG count is words.
      const sigs = d.rrsigs.length;
      const answer = sigs ? before(event.summary, ` (${sigs} RRSIG)`) : event.summary;
      return sigs ? t('ev.dnsAnswer', { answer, count: sigs }) : answer;
    }
    case 'verdict': {
      const key = DNS_STATUS[d.status];
      const answer = before(event.summary, ' [');
      const verdict = t('ev.dnsVerdict', { answer, status: key ? t(key) : d.status });
      return d.cached ? t('ev.dnsCached', { verdict }) : verdict;
    }
  }
}

function attack(event: TraceEvent, d: Record<string, unknown>, t: Translate): string | null {
  // A forged DNS answer has its own wording; other attacker rows say what was done.
  const typed = attackDetail(event)?.forgery;
  if (typed) return forgery(typed, t);
  const forged = typeof d.forger === 'string' && typeof d.note === 'string' ? legacyForgery(d.forger, d.note, t) : null;
  return forged ?? attackAction(event, t);
}

function forgery(f: DnsForgery, t: Translate): string {
  if (f.change === 'replaced') return t('ev.forgeReplaced', { forger: f.forger, question: f.question, count: f.records ?? 0 });
  return t(f.change === 'removed' ? 'ev.forgeRemoved' : 'ev.forgeDropped', { forger: f.forger, question: f.question });
}

/** A forgery row written before the engine gave its fields: its English note read back. */
function legacyForgery(forger: string, text: string, t: Translate): string | null {
  let m = /^(\S+ \S+) replaced \((\d+) record\(s\)\)$/.exec(text);
  if (m) return t('ev.forgeReplaced', { forger, question: m[1], count: Number(m[2]) });
  m = /^(\S+ \S+) removed$/.exec(text);
  if (m) return t('ev.forgeRemoved', { forger, question: m[1] });
  m = /^reply to (\S+ \S+) dropped$/.exec(text);
  if (m) return t('ev.forgeDropped', { forger, question: m[1] });
  return null;
}

/** The row text of `event` in the language of `t`. */
export function traceSummary(event: TraceEvent, t: Translate): string {
  const d = event.detail;
  if (!d) return event.summary;
  let text: string | null = null;
  switch (event.layer) {
    case 'tcp':
      text = tcp(event, t);
      break;
    case 'smtp':
      text = smtpSummary(event, t);
      break;
    case 'tls':
      text = tlsSummary(event, t);
      break;
    case 'mailbox':
      text = mailbox(event, t);
      break;
    case 'note':
      text = note(event, d, t);
      break;
    case 'https':
      text = https(event, t);
      break;
    case 'dns':
      text = dns(event, t);
      break;
    case 'attack':
      text = attack(event, d, t);
      break;
    case 'policy':
      text = policy(event, t);
      break;
    default:
      text = null;
  }
  // Rows whose emitter wrote their sentence as a catalogue Text (detail.summaryText).
  return text ?? (isText(d.summaryText) ? say(t, d.summaryText) : event.summary);
}

/** Decoded-view labels for the lab's own field names; protocol names are shown as they are. */
const FIELD_LABELS: Record<string, MessageKey> = {
  kind: 'field.kind',
  verb: 'field.verb',
  args: 'field.args',
  code: 'field.code',
  lines: 'field.lines',
  inReplyTo: 'field.inReplyTo',
  extensions: 'field.extensions',
  insideTls: 'field.insideTls',
  afterStarttls: 'field.afterStarttls',
  notes: 'field.notes',
  note: 'field.note',
  decoded: 'field.decoded',
  line: 'field.line',
  mechanism: 'field.mechanism',
  username: 'field.username',
  password: 'field.password',
  text: 'field.text',
  records: 'field.records',
  record: 'field.record',
  octets: 'field.octets',
  contentTypes: 'field.contentTypes',
  contentType: 'field.contentType',
  version: 'field.version',
  length: 'field.length',
  messages: 'field.messages',
  legacyVersion: 'field.legacyVersion',
  offeredVersions: 'field.offeredVersions',
  cipherSuites: 'field.cipherSuites',
  cipherSuite: 'field.cipherSuite',
  cipher: 'field.cipher',
  downgradeSentinel: 'field.downgradeSentinel',
  level: 'field.level',
  description: 'field.description',
  reason: 'field.reason',
  preview: 'field.preview',
  error: 'field.error',
  by: 'field.by',
  id: 'field.id',
  subject: 'field.subject',
  size: 'field.size',
  authUser: 'field.authUser',
  received: 'field.received',
  requireTls: 'field.requireTls',
  complete: 'field.complete',
  headerFields: 'field.headerFields',
  dotStuffedLines: 'field.dotStuffedLines',
  bareLfLines: 'field.bareLfLines',
  longLines: 'field.longLines',
  maxLineLength: 'field.maxLineLength',
  nonUtf8: 'field.nonUtf8',
  tooLong: 'field.tooLong',
  limit: 'field.limit',
  bareLf: 'field.bareLf',
  unterminated: 'field.unterminated',
  malformed: 'field.malformed',
  truncated: 'field.truncated',
  incomplete: 'field.incomplete',
  clientPort: 'field.clientPort',
  durationMs: 'field.durationMs',
  reset: 'field.reset',
  name: 'field.name',
  type: 'field.type',
  purpose: 'field.purpose',
  answers: 'field.answers',
  status: 'field.status',
  method: 'field.method',
  path: 'field.path',
  bytes: 'field.bytes',
  lesson: 'field.lesson',
  decision: 'field.decision',
  verdict: 'field.verdict',
  policy: 'field.policy',
  domain: 'field.domain',
  mxHost: 'field.mxHost',
  message: 'field.message',
};

/** The label of one decoded field, e.g. "inReplyTo" -> "In reply to"; others unchanged. */
export function fieldLabel(key: string, t: Translate): string {
  const label = Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined;
  return label ? t(label) : key;
}
