// The outcome of one delivery in the terms the attack lessons check (`smtp-lab send --json`, the
// Send tab, `lab send`): did the genuine mx.example.jp get it, over what TLS, did the attacker
// read it, which rule refused it, and what a TLS version fallback led to.
import type { MailboxMessage } from '../../common/lab.ts';
import type { OutboundMessage, SendOutcome } from '../../common/sender.ts';

/** Whether the attacker read the message with this Message-ID on one of these connections (trace flows). */
export type AttackerReads = (flows: readonly string[], messageId: string) => boolean;

const hasMessageId = (m: MailboxMessage, messageId: string) => m.headers.some(([name, value]) => name.toLowerCase() === 'message-id' && value.trim() === messageId);

export function sendOutcome(message: OutboundMessage, genuineMailbox: readonly MailboxMessage[], attackerRead: AttackerReads): SendOutcome {
  const delivered = genuineMailbox.some((m) => hasMessageId(m, message.messageId));
  const accepted = [...message.attempts].reverse().find((a) => a.result === 'delivered');
  const final = message.attempts.at(-1);
  // Only this message's own connections count: what the attacker read of other deliveries says nothing about this one.
  const flows = message.attempts.flatMap((a) => (a.flow ? [a.flow] : []));
  const read = attackerRead(flows, message.messageId);
  const refused = message.state !== 'delivered' && final;
  const decisive = accepted ?? final;
  return {
    delivered,
    tls: accepted?.tls ?? null,
    attackerRead: read,
    stoppedBy: refused ? final.rule : null,
    downgrade: decisive?.downgrade ?? null,
    reason: refused
      ? `${message.state}: ${final.reason}`
      : accepted
        ? `${accepted.mxHost} accepted the message${accepted.tls ? ` over ${accepted.tls.version}${accepted.tls.authenticated ? ` (${accepted.tls.authenticated.toUpperCase()}-authenticated)` : ' (not authenticated)'}` : ' in plaintext'}${delivered ? '' : ', but it was not the genuine mx.example.jp: the attacker took the message'}`
        : (message.notice?.text.split('\n')[2] ?? message.state),
  };
}
