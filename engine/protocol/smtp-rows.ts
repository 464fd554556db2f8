// Trace rows for SMTP lines: commands, AUTH responses and replies, with the RFC 5321 line
// rules they break noted in their detail.

import { rawOf, type DecodedEvent } from './decoded-event.ts';
import type { WireLine } from './line-splitter.ts';
import { AuthExchange, describeAuth, decodeBase64Text, type AuthDecoded } from './smtp-auth.ts';
import { ehloExtensions, REPLY_LINE_LIMIT, summarizeReply, type SmtpReply } from './smtp-reply.ts';
import { clip, displayText } from './text-escape.ts';
import type { TraceVisibility } from '../../common/trace.ts';

// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF;
// RFC 4954 §4 raises it to 12288 for AUTH lines.
export const COMMAND_LINE_LIMIT = 512;
export const AUTH_LINE_LIMIT = 12288;

export interface RowContext {
  visibility: TraceVisibility;
  insideTls: boolean;
}

interface LineFacts {
  notes: string[];
  rule?: string;
  flags: Record<string, unknown>;
}

function lineFacts(line: WireLine, limit: number, limitRule: string, nonUtf8: boolean): LineFacts {
  const notes: string[] = [];
  const flags: Record<string, unknown> = {};
  let rule: string | undefined;
  if (line.lineLength > limit || line.partial) {
    flags.tooLong = { length: line.lineLength, limit, rule: limitRule, ...(line.partial ? { atLeast: true } : {}) };
    notes.push(`line of ${line.partial ? 'at least ' : ''}${line.lineLength} octets exceeds the limit of ${limit} (${limitRule})`);
    rule = limitRule;
  }
  if (line.ending === 'lf') {
    flags.bareLf = true;
    notes.push('line ends with a bare LF; SMTP lines end with CRLF (RFC 5321 §2.3.8)');
    rule ??= 'RFC 5321 §2.3.8';
  }
  if (line.ending === 'none' && !line.partial) {
    flags.unterminated = true;
    notes.push('connection closed before the end of this line');
  }
  if (nonUtf8) {
    flags.nonUtf8 = true;
    notes.push('contains octets that are not UTF-8 (shown as \\xNN)');
  }
  return { notes, rule, flags };
}

function detailWith(ctx: RowContext, body: Record<string, unknown>, facts: LineFacts): Record<string, unknown> {
  return { ...body, ...facts.flags, ...(facts.notes.length ? { notes: facts.notes } : {}), ...(ctx.insideTls ? { insideTls: true } : {}) };
}

export interface CommandRow {
  event: DecodedEvent;
  verb: string;
  /** Set when the line starts an AUTH exchange. */
  auth?: AuthExchange;
}

export function commandRow(line: WireLine, ctx: RowContext, extra: Record<string, unknown> = {}): CommandRow {
  const shown = displayText(line.content);
  const space = shown.text.indexOf(' ');
  const verb = (space < 0 ? shown.text : shown.text.slice(0, space)).toUpperCase();
  const args = space < 0 ? '' : shown.text.slice(space + 1);
  const isAuth = verb === 'AUTH';
  const facts = lineFacts(line, isAuth ? AUTH_LINE_LIMIT : COMMAND_LINE_LIMIT, isAuth ? 'RFC 4954 §4' : 'RFC 5321 §4.5.3.1.4', shown.nonUtf8);
  let summary = clip(shown.text || '(empty line)');
  let auth: AuthExchange | undefined;
  let decoded: AuthDecoded | undefined;
  if (isAuth) {
    const [mechanism = '', initial] = args.split(/\s+/);
    auth = new AuthExchange(mechanism.toUpperCase(), initial !== undefined && initial !== '');
    if (initial) {
      decoded = auth.initial(initial);
      summary = clip(`${summary} → ${describeAuth(decoded)}`);
    }
  }
  const event: DecodedEvent = {
    layer: 'smtp',
    dir: 'c2s',
    raw: rawOf(line.bytes),
    summary,
    detail: detailWith(ctx, { kind: 'command', verb, args, ...(decoded ? { auth: decoded } : {}), ...extra }, facts),
    visibility: ctx.visibility,
    ...(facts.rule ? { rule: facts.rule } : {}),
  };
  return { event, verb, auth };
}

export function authResponseRow(line: WireLine, auth: AuthExchange | null, ctx: RowContext): DecodedEvent {
  const shown = displayText(line.content);
  const decoded = auth ? auth.next(shown.text) : { mechanism: 'unknown', text: decodeBase64Text(shown.text).text };
  const facts = lineFacts(line, AUTH_LINE_LIMIT, 'RFC 4954 §4', shown.nonUtf8);
  return {
    layer: 'smtp',
    dir: 'c2s',
    raw: rawOf(line.bytes),
    summary: clip(`${shown.text} → ${describeAuth(decoded)}`),
    detail: detailWith(ctx, { kind: 'auth-response', line: shown.text, auth: decoded }, facts),
    visibility: ctx.visibility,
    ...(facts.rule ? { rule: facts.rule } : {}),
  };
}

export function continuationRow(line: WireLine, dir: 'c2s' | 's2c', ctx: RowContext): DecodedEvent {
  return {
    layer: 'smtp',
    dir,
    raw: rawOf(line.bytes),
    summary: `… ${line.bytes.length} more octets of an over-long line (${line.lineLength} so far)`,
    detail: { kind: 'continuation', octets: line.bytes.length, lineLength: line.lineLength, ...(ctx.insideTls ? { insideTls: true } : {}) },
    visibility: ctx.visibility,
  };
}

export function replyRow(reply: SmtpReply, inReplyTo: string | null, ctx: RowContext): DecodedEvent {
  const notes: string[] = [];
  let rule: string | undefined;
  if (reply.tooLongLines) {
    notes.push(`${reply.tooLongLines} reply line(s) longer than ${REPLY_LINE_LIMIT} octets (RFC 5321 §4.5.3.1.5)`);
    rule = 'RFC 5321 §4.5.3.1.5';
  }
  if (reply.bareLf) {
    notes.push('reply line ends with a bare LF; SMTP lines end with CRLF (RFC 5321 §2.3.8)');
    rule ??= 'RFC 5321 §2.3.8';
  }
  if (reply.malformed) notes.push('a reply line must start with a three-digit code (RFC 5321 §4.2)');
  if (reply.codeMismatch) notes.push('every line of a multi-line reply carries the same code (RFC 5321 §4.2.1)');
  if (reply.incomplete) notes.push('connection closed before the last line of this reply');
  if (reply.nonUtf8) notes.push('contains octets that are not UTF-8 (shown as \\xNN)');
  let summary = summarizeReply(reply, inReplyTo);
  const extra: Record<string, unknown> = {};
  if (reply.code === 334 && reply.lines.length === 1) {
    const challenge = decodeBase64Text(reply.lines[0]);
    if (challenge.ok && reply.lines[0].trim()) {
      extra.decoded = challenge.text;
      summary = clip(`${summary} → "${challenge.text}"`);
    }
  }
  if (inReplyTo === 'EHLO' && reply.code !== null && reply.code >= 200 && reply.code < 300) extra.extensions = ehloExtensions(reply);
  return {
    layer: 'smtp',
    dir: 's2c',
    raw: rawOf(reply.bytes),
    summary,
    detail: {
      kind: 'reply',
      code: reply.code,
      lines: reply.lines,
      inReplyTo,
      ...extra,
      ...(reply.malformed ? { malformed: true } : {}),
      ...(reply.truncated ? { truncated: true } : {}),
      ...(reply.bareLf ? { bareLf: true } : {}),
      ...(reply.nonUtf8 ? { nonUtf8: true } : {}),
      ...(reply.incomplete ? { incomplete: true } : {}),
      ...(notes.length ? { notes } : {}),
      ...(ctx.insideTls ? { insideTls: true } : {}),
    },
    visibility: ctx.visibility,
    ...(rule ? { rule } : {}),
  };
}

/** A reply sent after the 220 to STARTTLS, before the TLS handshake: the client must discard it. */
export function replyAfterStarttlsRow(reply: SmtpReply, ctx: RowContext): DecodedEvent {
  const row = replyRow(reply, null, ctx);
  const notes = [...((row.detail.notes as string[] | undefined) ?? []), 'sent in plaintext after the 220 to STARTTLS, before the TLS handshake; the client must discard it (RFC 3207 §6)'];
  return { ...row, detail: { ...row.detail, afterStarttls: true, notes }, rule: 'RFC 3207 §6' };
}
