// Trace rows for SMTP lines: commands, AUTH responses and replies, with the RFC 5321 line
// rules they break noted in their detail.

import { english, text, type Text } from '../../common/i18n/text.ts';
import type { TraceVisibility } from '../../common/trace.ts';
import type { SmtpAuthResponseDetail, SmtpCommandDetail, SmtpContinuationDetail, SmtpLineFlags, SmtpReplyDetail, WirePlace } from '../../common/trace-details-wire.ts';
import { rawOf, type DecodedEvent } from './decoded-event.ts';
import type { WireLine } from './line-splitter.ts';
import { AuthExchange, describeAuth, decodeBase64Text, type AuthDecoded } from './smtp-auth.ts';
import { ehloExtensions, REPLY_LINE_LIMIT, summarizeReply, type SmtpReply } from './smtp-reply.ts';
import { clip, displayText } from './text-escape.ts';
import { wireNotes } from './wire-notes.ts';

// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF;
// RFC 4954 §4 raises it to 12288 for AUTH lines.
export const COMMAND_LINE_LIMIT = 512;
export const AUTH_LINE_LIMIT = 12288;

export interface RowContext {
  visibility: TraceVisibility;
  insideTls: boolean;
}

interface LineFacts {
  notes: Text[];
  rule?: string;
  flags: SmtpLineFlags;
}

function lineFacts(line: WireLine, limit: number, limitRule: string, nonUtf8: boolean): LineFacts {
  const notes: Text[] = [];
  const flags: SmtpLineFlags = {};
  let rule: string | undefined;
  if (line.lineLength > limit || line.partial) {
    flags.tooLong = { length: line.lineLength, limit, rule: limitRule, ...(line.partial ? { atLeast: true } : {}) };
    notes.push(text(line.partial ? 'wire.lineTooLongAtLeast' : 'wire.lineTooLong', { length: line.lineLength, limit, rule: limitRule }));
    rule = limitRule;
  }
  if (line.ending === 'lf') {
    flags.bareLf = true;
    notes.push(text('wire.lineBareLf'));
    rule ??= 'RFC 5321 §2.3.8';
  }
  if (line.ending === 'none' && !line.partial) {
    flags.unterminated = true;
    notes.push(text('wire.lineUnterminated'));
  }
  if (nonUtf8) {
    flags.nonUtf8 = true;
    notes.push(text('wire.nonUtf8'));
  }
  return { notes, rule, flags };
}

const placeOf = (ctx: RowContext): WirePlace => (ctx.insideTls ? { insideTls: true } : {});

export interface CommandRow {
  event: DecodedEvent;
  verb: string;
  /** Set when the line starts an AUTH exchange. */
  auth?: AuthExchange;
}

/** afterStarttls: the line came in plaintext after STARTTLS, before the handshake (RFC 3207 §6). */
export function commandRow(line: WireLine, ctx: RowContext, afterStarttls = false): CommandRow {
  const shown = displayText(line.content);
  const space = shown.text.indexOf(' ');
  const verb = (space < 0 ? shown.text : shown.text.slice(0, space)).toUpperCase();
  const args = space < 0 ? '' : shown.text.slice(space + 1);
  const isAuth = verb === 'AUTH';
  const facts = lineFacts(line, isAuth ? AUTH_LINE_LIMIT : COMMAND_LINE_LIMIT, isAuth ? 'RFC 4954 §4' : 'RFC 5321 §4.5.3.1.4', shown.nonUtf8);
  // The command line is protocol text: the row is the line itself unless the lab has words for it.
  let sentence: Text | null = shown.text ? null : text('row.emptyLine');
  let auth: AuthExchange | undefined;
  let decoded: AuthDecoded | undefined;
  if (isAuth) {
    const [mechanism = '', initial] = args.split(/\s+/);
    auth = new AuthExchange(mechanism.toUpperCase(), initial !== undefined && initial !== '');
    if (initial) {
      decoded = auth.initial(initial);
      sentence = text('row.authLine', { line: clip(shown.text), auth: describeAuth(decoded) });
    }
  }
  const summary = sentence ? clip(english(sentence)) : clip(shown.text);
  const notes = afterStarttls ? [...facts.notes, text('wire.commandAfterStarttls')] : facts.notes;
  const detail: SmtpCommandDetail = {
    kind: 'command',
    verb,
    args,
    ...(decoded ? { auth: decoded } : {}),
    ...(afterStarttls ? { afterStarttls: true } : {}),
    ...facts.flags,
    ...wireNotes(notes),
    ...placeOf(ctx),
    ...(sentence ? { summaryText: sentence } : {}),
  };
  const rule = afterStarttls ? 'RFC 3207 §6' : facts.rule;
  const event: DecodedEvent = { layer: 'smtp', dir: 'c2s', raw: rawOf(line.bytes), summary, detail, visibility: ctx.visibility, ...(rule ? { rule } : {}) };
  return { event, verb, auth };
}

export function authResponseRow(line: WireLine, auth: AuthExchange | null, ctx: RowContext): DecodedEvent {
  const shown = displayText(line.content);
  const decoded: AuthDecoded = auth ? auth.next(shown.text) : { mechanism: 'unknown', text: decodeBase64Text(shown.text).text };
  const facts = lineFacts(line, AUTH_LINE_LIMIT, 'RFC 4954 §4', shown.nonUtf8);
  const summaryText = text('row.authLine', { line: clip(shown.text), auth: describeAuth(decoded) });
  const detail: SmtpAuthResponseDetail = { kind: 'auth-response', line: shown.text, auth: decoded, ...facts.flags, ...wireNotes(facts.notes), ...placeOf(ctx), summaryText };
  return {
    layer: 'smtp',
    dir: 'c2s',
    raw: rawOf(line.bytes),
    summary: clip(english(summaryText)),
    detail,
    visibility: ctx.visibility,
    ...(facts.rule ? { rule: facts.rule } : {}),
  };
}

export function continuationRow(line: WireLine, dir: 'c2s' | 's2c', ctx: RowContext): DecodedEvent {
  const summaryText = text('row.continuation', { octets: line.bytes.length, length: line.lineLength });
  const detail: SmtpContinuationDetail = { kind: 'continuation', octets: line.bytes.length, lineLength: line.lineLength, ...placeOf(ctx), summaryText };
  return {
    layer: 'smtp',
    dir,
    raw: rawOf(line.bytes),
    summary: english(summaryText),
    detail,
    visibility: ctx.visibility,
  };
}

/** The detail of a reply row; `extra` notes are added after the reply's own. */
function replyDetail(reply: SmtpReply, inReplyTo: string | null, ctx: RowContext, extra: { notes: Text[]; afterStarttls?: boolean }): { detail: SmtpReplyDetail; rule?: string } {
  const notes: Text[] = [];
  let rule: string | undefined;
  if (reply.tooLongLines) {
    notes.push(text('wire.replyTooLong', { count: reply.tooLongLines, limit: REPLY_LINE_LIMIT }));
    rule = 'RFC 5321 §4.5.3.1.5';
  }
  if (reply.bareLf) {
    notes.push(text('wire.replyBareLf'));
    rule ??= 'RFC 5321 §2.3.8';
  }
  if (reply.malformed) notes.push(text('wire.replyNoCode'));
  if (reply.codeMismatch) notes.push(text('wire.replyCodeMismatch'));
  if (reply.incomplete) notes.push(text('wire.replyIncomplete'));
  if (reply.nonUtf8) notes.push(text('wire.nonUtf8'));
  const decoded = challengeText(reply);
  const detail: SmtpReplyDetail = {
    kind: 'reply',
    code: reply.code,
    lines: reply.lines,
    inReplyTo,
    ...(decoded !== null ? { decoded } : {}),
    ...(inReplyTo === 'EHLO' && reply.code !== null && reply.code >= 200 && reply.code < 300 ? { extensions: ehloExtensions(reply) } : {}),
    ...(reply.malformed ? { malformed: true } : {}),
    ...(reply.truncated ? { truncated: true } : {}),
    ...(reply.bareLf ? { bareLf: true } : {}),
    ...(reply.nonUtf8 ? { nonUtf8: true } : {}),
    ...(reply.incomplete ? { incomplete: true } : {}),
    ...(extra.afterStarttls ? { afterStarttls: true } : {}),
    ...wireNotes([...notes, ...extra.notes]),
    ...placeOf(ctx),
  };
  return { detail, ...(rule ? { rule } : {}) };
}

/** What the base64 of a one-line 334 challenge says (RFC 4954 §4), or null. */
function challengeText(reply: SmtpReply): string | null {
  if (reply.code !== 334 || reply.lines.length !== 1 || !reply.lines[0].trim()) return null;
  const challenge = decodeBase64Text(reply.lines[0]);
  return challenge.ok ? challenge.text : null;
}

function replyEvent(reply: SmtpReply, inReplyTo: string | null, ctx: RowContext, built: { detail: SmtpReplyDetail; rule?: string }): DecodedEvent {
  const { decoded } = built.detail;
  let shown = summarizeReply(reply, inReplyTo);
  if (decoded !== undefined) shown = typeof shown === 'string' ? clip(`${shown} → "${decoded}"`) : text('row.replyDecoded', { reply: shown, decoded });
  // A reply as it went stays a string; one the lab put words to carries them as a Text.
  const summary = typeof shown === 'string' ? shown : clip(english(shown));
  const detail: SmtpReplyDetail = typeof shown === 'string' ? built.detail : { ...built.detail, summaryText: shown };
  return { layer: 'smtp', dir: 's2c', raw: rawOf(reply.bytes), summary, detail, visibility: ctx.visibility, ...(built.rule ? { rule: built.rule } : {}) };
}

export function replyRow(reply: SmtpReply, inReplyTo: string | null, ctx: RowContext): DecodedEvent {
  return replyEvent(reply, inReplyTo, ctx, replyDetail(reply, inReplyTo, ctx, { notes: [] }));
}

/** A reply sent after the 220 to STARTTLS, before the TLS handshake: the client must discard it. */
export function replyAfterStarttlsRow(reply: SmtpReply, ctx: RowContext): DecodedEvent {
  const built = replyDetail(reply, null, ctx, { notes: [text('wire.replyAfterStarttls')], afterStarttls: true });
  return replyEvent(reply, null, ctx, { detail: built.detail, rule: 'RFC 3207 §6' });
}
