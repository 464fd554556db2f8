// The outcome of one delivery in the terms the attack lessons check (`smtp-lab send --json`):
// did the genuine mx.example.jp get it, over what TLS, did the attacker read it, and which rule
// refused it.
import type { AttackerKnowledge } from '../../common/attack.ts';
import type { MailboxMessage } from '../../common/lab.ts';
import type { OutboundMessage, SendOutcome } from '../../common/sender.ts';

export function sendOutcome(message: OutboundMessage, genuineMailbox: readonly MailboxMessage[], knowledge: AttackerKnowledge | null): SendOutcome {
  const delivered = genuineMailbox.some((m) => m.headers.some(([name, value]) => name.toLowerCase() === 'message-id' && value.trim() === message.messageId));
  const accepted = [...message.attempts].reverse().find((a) => a.result === 'delivered');
  const final = message.attempts.at(-1);
  const attackerRead =
    knowledge?.messages.some(
      (m) => m.headers.some(([name, value]) => name.toLowerCase() === 'message-id' && value.trim() === message.messageId) || (m.subject === message.request.subject && m.body.includes(message.request.body.trim())),
    ) ?? false;
  const refused = message.state !== 'delivered' && final;
  return {
    delivered,
    tls: accepted?.tls ?? null,
    attackerRead,
    stoppedBy: refused ? final.rule : null,
    reason: refused
      ? `${message.state}: ${final.reason}`
      : accepted
        ? `${accepted.mxHost} accepted the message${accepted.tls ? ` over ${accepted.tls.version}${accepted.tls.authenticated ? ` (${accepted.tls.authenticated.toUpperCase()}-authenticated)` : ' (not authenticated)'}` : ' in plaintext'}`
        : (message.notice?.text.split('\n')[2] ?? message.state),
  };
}
