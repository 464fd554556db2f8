// The delivery notice in the reader's language: its human part and the diagnostic's free text
// are sentences from the catalogue, its RFC 3464 fields stay as they are.
import { describe, expect, it } from 'vitest';
import { renderLines, text } from '../../../../../common/i18n/text.ts';
import type { OutboundMessage } from '../../../../../common/sender.ts';
import { deliveryNotice } from '../../../../../engine/nodes/sender/mta/notice.ts';
import { japaneseProblems } from '../../../../support/english-sentences.ts';

const message: OutboundMessage = {
  id: 'Q0007',
  messageId: '<x@sender.example>',
  queuedAt: '2026-01-01T00:00:00.000Z',
  request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 's', body: 'b', policy: 'mta-sts' },
  state: 'deferred',
  attempts: [],
  nextRetryAt: '2026-01-01T00:00:15.000Z',
  notice: null,
  outcome: null,
};

describe('delivery notice', () => {
  it('is Japanese under ja, English in its text field, with the same RFC 3464 fields', () => {
    const reasonText = text('sts.enforceFails', { domain: 'example.jp', failure: text('sts.noStarttls', { host: 'mx.example.jp' }), host: 'mx.example.jp' });
    const notice = deliveryNotice(message, [{ recipient: 'bob@example.jp', outcome: 'deferred', status: '4.7.5', rule: 'RFC 8461 §5', reason: 'english', reasonText }], Date.parse('2026-01-01T00:00:01Z'), null);
    expect(notice.text).toContain('Delivery of your message is delayed. The mail system will retry at 2026-01-01T00:00:15.000Z.');
    expect(notice.text).toContain('Diagnostic-Code: X-SMTP-Lab; the policy for example.jp is enforce and mx.example.jp offered no STARTTLS (§4)');
    const japanese = renderLines('ja', notice.lines!);
    expect(japaneseProblems(japanese)).toEqual([]);
    expect(japanese).toContain('Status: 4.7.5');
    expect(japanese).toContain('Action: delayed');
    expect(japanese).toContain('Diagnostic-Code: X-SMTP-Lab; example.jp のポリシーは enforce で');
    expect(japaneseProblems(notice.text).length).toBeGreaterThan(0);
  });
});
