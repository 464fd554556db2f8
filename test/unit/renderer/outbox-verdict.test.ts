// The verdict lines of the Send tab, from the outcome the lab judged, in English and Japanese.
import { describe, expect, it } from 'vitest';
import type { OutboundMessage, SendOutcome } from '../../../common/sender.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { verdictLines, verdictTone } from '../../../renderer/src/lib/outbox-verdict.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);

function sent(state: OutboundMessage['state'], outcome: Partial<SendOutcome> | null): OutboundMessage {
  return {
    id: 'Q0001',
    messageId: '<q1@sender.example>',
    queuedAt: '2026-12-06T00:00:00Z',
    request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 's', body: 'b', policy: 'fallback' },
    state,
    attempts: [],
    nextRetryAt: null,
    notice: null,
    outcome: outcome && { delivered: true, tls: null, attackerRead: false, stoppedBy: null, downgrade: null, reason: '', ...outcome },
  };
}

describe('verdictLines', () => {
  it('a message read in plaintext is not shown as a plain success', () => {
    const m = sent('delivered', { delivered: true, tls: null, attackerRead: true });
    expect(verdictTone(m)).toBe('danger');
    const lines = verdictLines(m, en);
    expect(lines.map((l) => [l.kind, l.tone])).toEqual([
      ['delivery', 'ok'],
      ['attacker', 'danger'],
      ['transport', 'danger'],
    ]);
    expect(lines[1].text).toBe('The attacker READ this message.');
    expect(verdictLines(m, ja)[1].text).toBe('攻撃者はこのメッセージを読みました。');
  });

  it('names the TLS version and how the certificate was authenticated', () => {
    const m = sent('delivered', { tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authenticated: 'dane' } });
    expect(verdictTone(m)).toBe('ok');
    expect(verdictLines(m, en).find((l) => l.kind === 'transport')?.text).toBe('It travelled over TLSv1.3 · TLS_AES_256_GCM_SHA384 · certificate matched TLSA (DANE).');
  });

  it('an impostor that accepted the message is the attacker having it', () => {
    const m = sent('delivered', { delivered: false, attackerRead: true });
    expect(verdictLines(m, en)[0]).toMatchObject({ tone: 'danger', text: expect.stringContaining('not the genuine mx.example.jp') });
  });

  it('says what the receiver checks found and where the message went; a refusal after the attacker hop is not an impostor', () => {
    const junk = sent('delivered', { delivered: true, attackerRead: true, auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', arc: 'none' }, folder: 'junk' });
    expect(verdictLines(junk, en).find((l) => l.kind === 'receiver')).toEqual({ kind: 'receiver', tone: 'warn', text: 'mx.example.jp checked the sender: spf=fail dkim=none dmarc=fail arc=none. It went to the Junk folder.' });
    expect(verdictLines(junk, ja).find((l) => l.kind === 'receiver')?.text).toBe('mx.example.jp の送信ドメイン認証：spf=fail dkim=none dmarc=fail arc=none。迷惑メールフォルダーに入りました。');
    const refused = sent('delivered', { delivered: false, attackerRead: true, auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', arc: null }, folder: 'rejected' });
    expect(verdictLines(refused, en)[0]).toMatchObject({ kind: 'delivery', tone: 'danger', text: expect.stringContaining('the genuine mx.example.jp refused it at the end of DATA') });
    expect(verdictLines(refused, en).find((l) => l.kind === 'receiver')?.text).toBe('mx.example.jp checked the sender: spf=fail dkim=none dmarc=fail. It was refused at the end of DATA.');
    const unchecked = sent('delivered', { tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authenticated: null }, auth: null, folder: 'inbox' });
    expect(verdictLines(unchecked, en).some((l) => l.kind === 'receiver')).toBe(false);
  });

  it('a refused delivery names the rule', () => {
    const m = sent('deferred', { delivered: false, stoppedBy: 'RFC 8461 §5' });
    expect(verdictLines(m, en)[0].text).toBe('Not delivered (deferred): RFC 8461 §5 stopped it.');
    expect(verdictLines(m, ja)[0].text).toBe('配送されませんでした：延期（再送待ち）。RFC 8461 §5 が止めました。');
  });

  it('a fallback refused by SCSV that then went to plaintext says both', () => {
    const m = sent('delivered', { attackerRead: true, downgrade: { offered: ['TLSv1.3', 'TLSv1.2'], scsv: true, stoppedBy: 'RFC 7507 §3', then: 'plaintext', version: null } });
    const line = verdictLines(m, en).find((l) => l.kind === 'fallback')!;
    expect(line.tone).toBe('danger');
    expect(line.text).toBe('TLS handshakes failed; the sender offered TLSv1.3 → TLSv1.2, with TLS_FALLBACK_SCSV on each retry. RFC 7507 §3 refused to go lower. Then the sender gave up TLS and sent in plaintext.');
  });

  it('a fallback without SCSV that got through at TLS 1.2 is a downgrade', () => {
    const m = sent('delivered', { tls: { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', authenticated: null }, downgrade: { offered: ['TLSv1.3', 'TLSv1.2'], scsv: false, stoppedBy: null, then: 'tls', version: 'TLSv1.2' } });
    expect(verdictTone(m)).toBe('warn');
    expect(verdictLines(m, en).at(-1)?.text).toMatch(/without TLS_FALLBACK_SCSV\. Then it went on over TLSv1\.2: downgraded\.$/);
  });

  it('nothing while the message has no verdict yet', () => {
    expect(verdictLines(sent('queued', null), en)).toEqual([]);
    expect(verdictTone(sent('queued', null))).toBeNull();
  });
});
