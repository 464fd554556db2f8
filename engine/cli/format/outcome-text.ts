// The verdict of one delivery as `smtp-lab send` and `lab send` print it: where the message
// went, how it was protected, whether the attacker read it, and what a TLS fallback led to.
import { renderText, text, type Locale, type Text } from '../../../common/i18n/text.ts';
import type { DowngradeOutcome, SendOutcome, TlsSummary } from '../../../common/sender.ts';

const GENUINE_MX = 'mx.example.jp';

function transport(tls: TlsSummary | null): Text {
  if (!tls) return text('cliOutcome.plaintext');
  return text('cliOutcome.over', { version: tls.version, cipher: tls.cipher, auth: authentication(tls) });
}

/** How the certificate was authenticated, and whether a policy required it: a PKIX-valid certificate under opportunistic TLS protected nothing. */
function authentication(tls: TlsSummary): Text {
  if (tls.authenticated === 'dane') return text('cliOutcome.authDane');
  if (tls.authenticated !== 'pkix') return text('cliOutcome.authNone');
  if (tls.authenticationRequired === false) return text('cliOutcome.authPkixNotRequired');
  return tls.authenticationRequiredBy ? text('cliOutcome.authPkixRequired', { policy: text(`authPolicy.${tls.authenticationRequiredBy}`) }) : text('cliOutcome.authPkix');
}

function fallback(d: DowngradeOutcome): Text {
  const versions = d.offered.join(' → ');
  const tried = text(d.offered.length > 1 ? (d.scsv ? 'cliOutcome.offeredScsv' : 'cliOutcome.offeredNoScsv') : 'cliOutcome.offered', { versions });
  const stop = d.stoppedBy ? text('cliOutcome.stopped', { rule: d.stoppedBy }) : '';
  const downgraded = d.offered.length > 1 && d.version !== d.offered[0];
  const then =
    d.then === 'tls'
      ? text(downgraded ? 'cliOutcome.thenTlsDowngraded' : 'cliOutcome.thenTls', { version: d.version ?? '' })
      : text(d.then === 'plaintext' ? 'cliOutcome.thenPlain' : 'cliOutcome.gaveUp');
  return text('cliOutcome.fallback', { tried, stop, then });
}

/** The verdict lines, each starting with its subject ("delivery", "transport", "attacker", "fallback", "reason"). */
export function outcomeTexts(outcome: SendOutcome, state: string): Text[] {
  const delivery = outcome.delivered
    ? text('cliOutcome.genuine', { mx: GENUINE_MX })
    : state === 'delivered'
      ? text(outcome.folder === 'rejected' ? 'cliOutcome.refusedAfterHop' : 'cliOutcome.impostor', { mx: GENUINE_MX })
      : outcome.stoppedBy
        ? text('cliOutcome.notDeliveredStopped', { state, rule: outcome.stoppedBy })
        : text('cliOutcome.notDelivered', { state });
  const lines = [delivery];
  if (state === 'delivered') lines.push(text('cliOutcome.transport', { how: transport(outcome.tls) }));
  lines.push(text(outcome.attackerRead ? 'cliOutcome.read' : 'cliOutcome.notRead'));
  if (outcome.downgrade) lines.push(fallback(outcome.downgrade));
  // The genuine receiver's SPF/DKIM/DMARC words and where it put the message (its Authentication-Results).
  if (outcome.auth || outcome.folder === 'rejected' || outcome.folder === 'junk') {
    const results = outcome.auth ? (['spf', 'dkim', 'dmarc', 'arc'] as const).filter((m) => outcome.auth![m] != null).map((m) => `${m}=${outcome.auth![m]}`).join(' ') : '-';
    lines.push(text('outcome.auth', { results, folder: outcome.folder ? text(`outcome.folder.${outcome.folder}`) : '-' }));
  }
  lines.push(text('cliOutcome.reason', { reason: outcome.reasonText ?? outcome.reason }));
  return lines;
}

/** The verdict lines rendered in `locale`. */
export function outcomeLines(outcome: SendOutcome, state: string, locale: Locale = 'en'): string[] {
  return outcomeTexts(outcome, state).map((line) => renderText(locale, line));
}
