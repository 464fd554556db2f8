// The notice the sending MTA writes to the sender about a message, laid out like a delivery
// status notification (RFC 3464 §2.2, §2.3): a human part, then per-message and per-recipient
// fields with the enhanced status code (RFC 3463).
import type { DeliveryNotice, OutboundMessage } from '../../../../common/sender.ts';
import { rfc5322Date } from '../../../policy/tlsrpt/mail.ts';
import type { RecipientFinal } from './deliver-round.ts';
import { SENDER_NODE } from './policy-trace.ts';

const ACTION = { delivered: 'delivered', bounced: 'failed', deferred: 'delayed' } as const;

export function deliveryNotice(message: OutboundMessage, recipients: readonly RecipientFinal[], now: number, remoteMta: string | null): DeliveryNotice {
  const failed = recipients.filter((r) => r.outcome === 'bounced');
  const delayed = recipients.filter((r) => r.outcome === 'deferred');
  const kind: DeliveryNotice['kind'] = failed.length > 0 ? 'failed' : delayed.length > 0 ? 'delayed' : 'delivered';
  const headline = {
    delivered: 'Your message was delivered to every recipient.',
    failed: 'Your message could not be delivered to one or more recipients. It will not be retried for them.',
    delayed: `Delivery of your message is delayed. The mail system will retry${message.nextRetryAt ? ` at ${message.nextRetryAt}` : ''}.`,
  }[kind];
  const human = [
    `This is the mail system at host ${SENDER_NODE}.`,
    '',
    headline,
    '',
    ...recipients.map((r) => `<${r.recipient}>: ${r.reason} [${r.rule}]`),
  ];
  const perMessage = [`Reporting-MTA: dns; ${SENDER_NODE}`, `X-Queue-ID: ${message.id}`, `Arrival-Date: ${rfc5322Date(Date.parse(message.queuedAt))}`];
  const perRecipient = recipients.map((r) =>
    [
      `Final-Recipient: rfc822; ${r.recipient}`,
      `Action: ${ACTION[r.outcome]}`,
      `Status: ${r.status}`,
      ...(remoteMta ? [`Remote-MTA: dns; ${remoteMta}`] : []),
      `Diagnostic-Code: X-SMTP-Lab; ${r.reason} (${r.rule})`,
      `Last-Attempt-Date: ${rfc5322Date(now)}`,
      ...(r.outcome === 'deferred' && message.nextRetryAt ? [`X-Next-Retry-Date: ${rfc5322Date(Date.parse(message.nextRetryAt))}`] : []),
    ].join('\n'),
  );
  const worst = failed[0] ?? delayed[0] ?? recipients[0];
  return { kind, status: worst?.status ?? '2.0.0', text: [...human, '', '--- delivery-status ---', perMessage.join('\n'), '', perRecipient.join('\n\n')].join('\n') };
}
