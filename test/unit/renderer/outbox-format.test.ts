import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../common/sender.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { attemptTls, envelopeLine, noticeHeadline, secondsUntil, upsertMessage } from '../../../renderer/src/lib/outbox-format.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);

function message(id: string, state: OutboundMessage['state'] = 'queued'): OutboundMessage {
  return {
    id,
    messageId: `<${id}@sender.example>`,
    queuedAt: '2026-11-23T10:00:00Z',
    request: { from: 'alice@sender.example', to: ['bob@example.jp', 'carol@example.jp'], subject: 's', body: 'b', policy: 'opportunistic' },
    state,
    attempts: [],
    nextRetryAt: null,
    notice: null,
    outcome: null,
  };
}

describe('outbox formatting', () => {
  it('describes an attempt’s TLS, or its absence', () => {
    expect(attemptTls(null, en)).toBe('plaintext');
    expect(attemptTls(null, ja)).toBe('平文');
    expect(attemptTls({ version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authenticated: 'dane' }, en)).toBe('TLSv1.3 · TLS_AES_256_GCM_SHA384 · certificate matched TLSA (DANE)');
    expect(attemptTls({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', authenticated: null }, en)).toBe('TLSv1.2 · ECDHE-RSA-AES128-GCM-SHA256 · certificate not verified');
    expect(attemptTls({ version: 'TLSv1.3', cipher: 'X', authenticated: 'pkix' }, ja)).toBe('TLSv1.3 · X · 証明書を検証済み（PKIX）');
  });

  it('counts whole seconds until a retry, never below zero', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(secondsUntil('2026-11-23T10:00:29.200Z', now)).toBe(30);
    expect(secondsUntil('2026-11-23T09:59:00Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBeNull();
    expect(secondsUntil('soon', now)).toBeNull();
  });

  it('sums a notice up by its Diagnostic-Code, else its first line', () => {
    const text = [
      'This is the mail system at host mail.sender.example.',
      '',
      'Your message was delivered to every recipient.',
      '',
      '--- delivery-status ---',
      'Reporting-MTA: dns; mail.sender.example',
      '',
      'Final-Recipient: rfc822; bob@example.jp',
      'Action: delivered',
      'Status: 2.0.0',
      'Diagnostic-Code: X-SMTP-Lab; 250 accepted over TLSv1.3 (RFC 3207 §4)',
    ].join('\n');
    expect(noticeHeadline(text)).toBe('250 accepted over TLSv1.3 (RFC 3207 §4)');
    expect(noticeHeadline('\nYour message was delivered.\n\nReporting-MTA: dns; mail.sender.example\n')).toBe('Your message was delivered.');
    expect(noticeHeadline('')).toBe('');
  });

  it('writes the envelope on one line', () => {
    expect(envelopeLine(message('m1'))).toBe('alice@sender.example → bob@example.jp, carol@example.jp');
  });

  it('replaces a known message in place and puts a new one on top', () => {
    const outbox = [message('m2'), message('m1')];
    const updated = upsertMessage(outbox, message('m1', 'delivered'));
    expect(updated.map((m) => `${m.id}:${m.state}`)).toEqual(['m2:queued', 'm1:delivered']);
    expect(outbox[1].state).toBe('queued');
    expect(upsertMessage(outbox, message('m3')).map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
  });
});
