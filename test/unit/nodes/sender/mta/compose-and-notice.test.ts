// The queued message's header (RFC 5322, RFC 2047, RFC 8689 §3) and the notice (RFC 3464 fields).
import { describe, expect, it } from 'vitest';
import type { OutboundMessage, SendRequest } from '../../../../../common/sender.ts';
import { composeMessage } from '../../../../../engine/nodes/sender/mta/compose-message.ts';
import { deliveryNotice } from '../../../../../engine/nodes/sender/mta/notice.ts';

const request: SendRequest = { from: 'alice@sender.example', to: ['bob@example.jp'], subject: '会議の件', body: 'こんにちは\nline two', policy: 'opportunistic' };

describe('composeMessage', () => {
  const { bytes, messageId } = composeMessage({ ...request, tlsRequiredNo: true }, Date.UTC(2026, 10, 23, 9, 0, 0), 'Q0001');
  const text = bytes.toString('utf8');

  it('writes the header a mail client would, with a non-ASCII subject as encoded words', () => {
    expect(text).toContain('Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n');
    expect(text).toContain(`Message-ID: ${messageId}\r\n`);
    expect(text).toMatch(/Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=/);
    expect(Buffer.from(/=\?UTF-8\?B\?([^?]+)\?=/.exec(text)![1], 'base64').toString('utf8')).toBe('会議の件');
    expect(text).toContain('Content-Transfer-Encoding: 8bit\r\n');
  });

  it('adds "TLS-Required: No" only when asked, and ends lines with CRLF', () => {
    expect(text).toContain('TLS-Required: No\r\n');
    expect(composeMessage(request, 0, 'Q2').bytes.toString()).not.toContain('TLS-Required');
    expect(text.endsWith('line two\r\n')).toBe(true);
    expect(/[^\r]\n/.test(text)).toBe(false);
  });
});

describe('deliveryNotice', () => {
  const message: OutboundMessage = { id: 'Q0001', messageId: '<x@sender.example>', queuedAt: '2026-11-23T09:00:00.000Z', request, state: 'bounced', attempts: [], nextRetryAt: null, notice: null, outcome: null };

  it('says failed with the enhanced status and the rule', () => {
    const notice = deliveryNotice(message, [{ recipient: 'bob@example.jp', outcome: 'bounced', status: '5.7.10', rule: 'RFC 8689 §4.2.1', reason: 'TLS required' }], Date.UTC(2026, 10, 23, 9, 1), 'mx.example.jp');
    expect(notice).toMatchObject({ kind: 'failed', status: '5.7.10' });
    expect(notice.text).toContain('Reporting-MTA: dns; mail.sender.example');
    expect(notice.text).toContain('Final-Recipient: rfc822; bob@example.jp\nAction: failed\nStatus: 5.7.10\nRemote-MTA: dns; mx.example.jp');
    expect(notice.text).toContain('(RFC 8689 §4.2.1)');
  });

  it('says delayed with the next retry while a recipient stays queued', () => {
    const notice = deliveryNotice({ ...message, state: 'deferred', nextRetryAt: '2026-11-23T09:01:15.000Z' }, [{ recipient: 'bob@example.jp', outcome: 'deferred', status: '4.7.5', rule: 'RFC 8461 §5', reason: 'no STARTTLS' }], 0, null);
    expect(notice.kind).toBe('delayed');
    expect(notice.text).toContain('Action: delayed');
    expect(notice.text).toContain('X-Next-Retry-Date: Mon, 23 Nov 2026 09:01:15 +0000');
  });
});
