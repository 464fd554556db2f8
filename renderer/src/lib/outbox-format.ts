// How the sender's queue reads: an attempt's TLS, the wait until a retry, a notice's first line.
import { renderLines } from '../../../common/i18n/text.ts';
import type { DeliveryNotice, OutboundMessage, TlsSummary } from '../../../common/sender.ts';
import { localeOf } from './engine-text.ts';
import type { Translate } from './trace-summary.ts';

/** "TLSv1.3 · TLS_AES_256_GCM_SHA384 · certificate matched TLSA (DANE)", or "plaintext". */
export function attemptTls(tls: TlsSummary | null, t: Translate): string {
  if (!tls) return t('outbox.plaintext');
  return `${tls.version} · ${tls.cipher} · ${certificateAuth(tls, t)}`;
}

/** How the certificate was checked, and whether a policy required it: a valid certificate no policy asked for protected nothing. */
function certificateAuth(tls: TlsSummary, t: Translate): string {
  if (tls.authenticated === 'dane') return t('outbox.authDane');
  if (tls.authenticated !== 'pkix') return t('outbox.authNone');
  if (tls.authenticationRequired === false) return t('outbox.authPkixNotRequired');
  return tls.authenticationRequiredBy ? t('outbox.authPkixRequired', { policy: t(`outbox.authPolicy.${tls.authenticationRequiredBy}`) }) : t('outbox.authPkix');
}

/** Whole seconds from `now` until the ISO time (never negative); null for no time. */
export function secondsUntil(iso: string | null, now: number): number | null {
  if (iso === null) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * A notice in one line: the first Diagnostic-Code (RFC 3464 §2.3.6) without its type, else the
 * first line of text.
 */
export function noticeHeadline(text: string): string {
  const diagnostic = /^Diagnostic-Code:[ \t]*(?:[^;\r\n]*;)?[ \t]*(.*)$/im.exec(text);
  if (diagnostic && diagnostic[1].trim() !== '') return diagnostic[1].trim();
  return text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
}

/** The whole notice in the language of `t`: its sentences translated, its RFC 3464 fields as they are. */
export function noticeText(notice: DeliveryNotice, t: Translate): string {
  return notice.lines ? renderLines(localeOf(t), notice.lines) : notice.text;
}

/** The recipients of a queued message, for its one-line heading. */
export function envelopeLine(message: OutboundMessage): string {
  return `${message.request.from} → ${message.request.to.join(', ')}`;
}

/** Keeps the outbox newest first: a known message is replaced in place, a new one goes on top. */
export function upsertMessage(outbox: readonly OutboundMessage[], message: OutboundMessage): OutboundMessage[] {
  const at = outbox.findIndex((m) => m.id === message.id);
  if (at < 0) return [message, ...outbox];
  const next = outbox.slice();
  next[at] = message;
  return next;
}
