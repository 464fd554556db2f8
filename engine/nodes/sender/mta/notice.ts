// The notice the sending MTA writes to the sender about a message, laid out like a delivery
// status notification (RFC 3464 §2.2, §2.3): a human part, then per-message and per-recipient
// fields with the enhanced status code (RFC 3463).
import { reasonOf, renderLines, text, type Text } from '../../../../common/i18n/text.ts';
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
    delivered: text('notice.delivered'),
    failed: text('notice.failed'),
    delayed: message.nextRetryAt ? text('notice.delayedAt', { at: message.nextRetryAt }) : text('notice.delayed'),
  }[kind];
  const human: (string | Text)[] = [
    text('notice.intro', { host: SENDER_NODE }),
    '',
    headline,
    '',
    ...(message.resumedAt ? [text('notice.resumed', { at: message.resumedAt }), ''] : []),
    ...recipients.map((r) => text('notice.recipient', { recipient: r.recipient, reason: reasonOf(r), rule: r.rule })),
  ];
  const perMessage = [`Reporting-MTA: dns; ${SENDER_NODE}`, `X-Queue-ID: ${message.id}`, `Arrival-Date: ${rfc5322Date(Date.parse(message.queuedAt))}`];
  // The fields stay as RFC 3464 names them; the diagnostic's free text follows the reader's language.
  const perRecipient = recipients.map((r): (string | Text)[] => [
    `Final-Recipient: rfc822; ${r.recipient}`,
    `Action: ${ACTION[r.outcome]}`,
    `Status: ${r.status}`,
    ...(remoteMta ? [`Remote-MTA: dns; ${remoteMta}`] : []),
    text('notice.diagnostic', { reason: reasonOf(r), rule: r.rule }),
    `Last-Attempt-Date: ${rfc5322Date(now)}`,
    ...(r.outcome === 'deferred' && message.nextRetryAt ? [`X-Next-Retry-Date: ${rfc5322Date(Date.parse(message.nextRetryAt))}`] : []),
  ]);
  const worst = failed[0] ?? delayed[0] ?? recipients[0];
  const lines = [...human, '', '--- delivery-status ---', ...perMessage, '', ...perRecipient.flatMap((fields, i) => (i === 0 ? fields : ['', ...fields]))];
  return { kind, status: worst?.status ?? '2.0.0', text: renderLines('en', lines), lines };
}
