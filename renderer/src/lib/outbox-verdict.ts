// What a learner needs to know about one sent message, in their language: did the genuine MX get
// it, did the attacker read it, how it travelled, and what a TLS fallback led to.
import type { OutboundMessage, SendOutcome } from '../../../common/sender.ts';
import { attemptTls } from './outbox-format.ts';
import type { Translate } from './trace-summary.ts';

/** danger: the attacker read or took it; warn: not protected or not delivered; ok: delivered, unread, over TLS. */
export type VerdictTone = 'ok' | 'warn' | 'danger';

export interface VerdictLine {
  /** What the line is about, for tests and styles. */
  kind: 'delivery' | 'attacker' | 'transport' | 'fallback' | 'receiver';
  tone: VerdictTone;
  text: string;
}

export function verdictTone(message: OutboundMessage): VerdictTone | null {
  const o = message.outcome;
  if (!o) return null;
  if (o.attackerRead || (message.state === 'delivered' && !o.delivered)) return 'danger';
  if (!o.delivered || !o.tls || o.downgrade) return 'warn';
  return 'ok';
}

function delivery(message: OutboundMessage, o: SendOutcome, t: Translate): VerdictLine {
  if (o.delivered) return { kind: 'delivery', tone: 'ok', text: t('outbox.verdict.genuine') };
  // Through the attacker's MTA, the genuine receiver may still refuse what it sent on (DMARC p=reject).
  if (message.state === 'delivered') return { kind: 'delivery', tone: 'danger', text: t(o.folder === 'rejected' ? 'auth.verdict.refusedAfterHop' : 'outbox.verdict.impostor') };
  const state = t(`outbox.state.${message.state}`);
  return { kind: 'delivery', tone: 'warn', text: o.stoppedBy ? t('outbox.verdict.stopped', { state, rule: o.stoppedBy }) : t('outbox.verdict.notDelivered', { state }) };
}

/** What mx.example.jp's SPF/DKIM/DMARC/ARC checks found, and where that put the message. */
function receiver(o: SendOutcome, t: Translate): VerdictLine | null {
  if (!o.auth && o.folder !== 'junk' && o.folder !== 'rejected') return null;
  const results = o.auth ? (['spf', 'dkim', 'dmarc', 'arc'] as const).filter((m) => o.auth![m] != null).map((m) => `${m}=${o.auth![m]}`).join(' ') : '-';
  const folder = o.folder ?? 'inbox';
  const tone: VerdictTone = folder === 'inbox' && o.auth?.dmarc !== 'fail' ? 'ok' : 'warn';
  return { kind: 'receiver', tone, text: t('auth.verdict.receiver', { results, folder: t(`auth.verdict.folder.${folder}`) }) };
}

function fallback(o: SendOutcome, t: Translate): VerdictLine | null {
  const d = o.downgrade;
  if (!d) return null;
  const parts = [t(d.offered.length > 1 ? (d.scsv ? 'outbox.verdict.fallbackScsv' : 'outbox.verdict.fallbackNoScsv') : 'outbox.verdict.fallbackOnce', { offered: d.offered.join(' → ') })];
  if (d.stoppedBy) parts.push(t('outbox.verdict.fallbackStopped', { rule: d.stoppedBy }));
  const downgraded = d.then === 'tls' && d.version !== d.offered[0];
  parts.push(d.then === 'tls' ? t(downgraded ? 'outbox.verdict.thenDowngraded' : 'outbox.verdict.thenTls', { version: d.version ?? '' }) : d.then === 'plaintext' ? t('outbox.verdict.thenPlaintext') : t('outbox.verdict.thenGaveUp'));
  return { kind: 'fallback', tone: d.then === 'plaintext' || downgraded ? 'danger' : 'warn', text: parts.join(' ') };
}

/** The verdict lines of a settled message, or [] while it has none. */
export function verdictLines(message: OutboundMessage, t: Translate): VerdictLine[] {
  const o = message.outcome;
  if (!o) return [];
  const lines = [delivery(message, o, t)];
  lines.push(o.attackerRead ? { kind: 'attacker', tone: 'danger', text: t('outbox.verdict.read') } : { kind: 'attacker', tone: 'ok', text: t('outbox.verdict.notRead') });
  if (message.state === 'delivered') {
    // A certificate no policy required protected nothing: an active attacker's would have been taken as well.
    const authenticated = !!o.tls?.authenticated && o.tls.authenticationRequired !== false;
    lines.push(o.tls ? { kind: 'transport', tone: authenticated ? 'ok' : 'warn', text: t('outbox.verdict.over', { tls: attemptTls(o.tls, t) }) } : { kind: 'transport', tone: 'danger', text: t('outbox.verdict.plaintext') });
  }
  const checked = receiver(o, t);
  if (checked) lines.push(checked);
  const fell = fallback(o, t);
  if (fell) lines.push(fell);
  return lines;
}
