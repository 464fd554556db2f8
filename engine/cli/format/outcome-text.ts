// The verdict of one delivery as `smtp-lab send` and `lab send` print it: where the message
// went, how it was protected, whether the attacker read it, and what a TLS fallback led to.
import type { DowngradeOutcome, SendOutcome, TlsSummary } from '../../../common/sender.ts';

const GENUINE_MX = 'mx.example.jp';

function transport(tls: TlsSummary | null): string {
  if (!tls) return 'in plaintext: anyone on the path could read it';
  const how = tls.authenticated === 'dane' ? 'the certificate authenticated by DANE' : tls.authenticated === 'pkix' ? 'the certificate authenticated by PKIX (a trusted CA)' : 'the certificate not authenticated';
  return `over ${tls.version} (${tls.cipher}), ${how}`;
}

function fallback(d: DowngradeOutcome): string {
  const tried = `offered ${d.offered.join(' → ')}${d.offered.length > 1 ? (d.scsv ? ' (retries with TLS_FALLBACK_SCSV)' : ' (retries without TLS_FALLBACK_SCSV)') : ''}`;
  const stop = d.stoppedBy ? `; refused to go lower: ${d.stoppedBy}` : '';
  const then = d.then === 'tls' ? `; then sent over ${d.version}${d.offered.length > 1 && d.version !== d.offered[0] ? ' (downgraded)' : ''}` : d.then === 'plaintext' ? '; then sent in plaintext, without TLS' : '; then gave up on this host';
  return `handshakes failed: ${tried}${stop}${then}`;
}

/** The verdict lines, each starting with its subject ("delivery", "transport", "attacker", "fallback"). */
export function outcomeLines(outcome: SendOutcome, state: string): string[] {
  const delivery = outcome.delivered
    ? `delivery:  the genuine ${GENUINE_MX} accepted it`
    : state === 'delivered'
      ? `delivery:  NOT the genuine ${GENUINE_MX}: another server (the attacker's) accepted it`
      : `delivery:  not delivered (${state})${outcome.stoppedBy ? `, stopped by ${outcome.stoppedBy}` : ''}`;
  const lines = [delivery];
  if (state === 'delivered') lines.push(`transport: ${transport(outcome.tls)}`);
  lines.push(outcome.attackerRead ? 'attacker:  READ this message' : 'attacker:  did not read this message');
  if (outcome.downgrade) lines.push(`fallback:  ${fallback(outcome.downgrade)}`);
  lines.push(`reason:    ${outcome.reason}`);
  return lines;
}
