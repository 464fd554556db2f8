// The outcome of one delivery in the terms the attack lessons check (`smtp-lab send --json`, the
// Send tab, `lab send`): did the genuine mx.example.jp get it, over what TLS, did the attacker
// read it, which rule refused it, and what a TLS version fallback led to.
import { english, reasonOf, text, type Text } from '../../common/i18n/text.ts';
import type { MailboxMessage } from '../../common/lab.ts';
import { authSummary, type RejectedMessage } from '../../common/auth.ts';
import type { DeliveryAttempt, OutboundMessage, SendOutcome } from '../../common/sender.ts';

/** Whether the attacker read the message with this Message-ID on one of these connections (trace flows). */
export type AttackerReads = (flows: readonly string[], messageId: string) => boolean;

const hasMessageId = (m: MailboxMessage, messageId: string) => m.headers.some(([name, value]) => name.toLowerCase() === 'message-id' && value.trim() === messageId);

export function sendOutcome(message: OutboundMessage, genuineMailbox: readonly MailboxMessage[], attackerRead: AttackerReads, genuineRejections: readonly RejectedMessage[] = []): SendOutcome {
  const stored = genuineMailbox.find((m) => hasMessageId(m, message.messageId));
  const delivered = stored !== undefined;
  // Through a forwarding hop the genuine receiver may refuse a message the sender saw accepted.
  const refusedThere = stored ? undefined : [...genuineRejections].reverse().find((r) => r.messageId?.trim() === message.messageId);
  const checked = stored?.auth ?? refusedThere?.auth ?? null;
  const accepted = [...message.attempts].reverse().find((a) => a.result === 'delivered');
  const final = message.attempts.at(-1);
  // Only this message's own connections count: what the attacker read of other deliveries says nothing about this one.
  const flows = message.attempts.flatMap((a) => (a.flow ? [a.flow] : []));
  const read = attackerRead(flows, message.messageId);
  const refused = message.state !== 'delivered' && final;
  const decisive = accepted ?? final;
  const reasonText = refusedThere && accepted ? refusedAfterHop(accepted, refusedThere) : outcomeReason(message, delivered, accepted, refused ? final : undefined);
  return {
    delivered,
    tls: accepted?.tls ?? null,
    attackerRead: read,
    stoppedBy: refused ? final.rule : null,
    downgrade: decisive?.downgrade ?? null,
    reason: english(reasonText),
    ...(typeof reasonText === 'string' ? {} : { reasonText }),
    auth: checked ? authSummary(checked) : null,
    folder: stored ? (stored.folder ?? 'inbox') : refusedThere ? 'rejected' : null,
  };
}

/** The attacker's MTA took the message and sent it on; the genuine receiver refused that at the end of DATA. */
function refusedAfterHop(accepted: DeliveryAttempt, refusal: RejectedMessage): Text {
  return text('outcome.refusedAfterHop', { accepted: acceptedHow(accepted), reply: refusal.reply });
}

function acceptedHow(accepted: DeliveryAttempt): Text {
  const tls = accepted.tls;
  const auth = !tls?.authenticated
    ? text('outcome.notAuthenticated')
    : tls.authenticated === 'pkix' && tls.authenticationRequired === false
      ? text('outcome.pkixNotRequired')
      : text('outcome.authenticatedBy', { by: tls.authenticated.toUpperCase() });
  return tls ? text('outcome.acceptedOver', { host: accepted.mxHost, version: tls.version, auth }) : text('outcome.acceptedPlain', { host: accepted.mxHost });
}

function outcomeReason(message: OutboundMessage, delivered: boolean, accepted: DeliveryAttempt | undefined, refusal: DeliveryAttempt | undefined): Text | string {
  if (refusal) return text('outcome.refused', { state: text(`state.${message.state}`), reason: reasonOf(refusal) });
  if (accepted) {
    const how = acceptedHow(accepted);
    return delivered ? how : text('outcome.notGenuine', { accepted: how });
  }
  // The notice's headline (its third line) says where the message stands.
  return message.notice?.lines?.[2] ?? message.notice?.text.split('\n')[2] ?? text(`state.${message.state}`);
}
