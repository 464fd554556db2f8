// What the sending MTA says when an attacker on the path answers its STARTTLS with 454
// (strip-starttls, mode=refuse-454) or breaks its handshake (tls-downgrade, mode=rewrite):
// STARTTLS was offered and then refused, not "offered no STARTTLS"; the TLS error on one line.
// The same reasons in English and Japanese, with the rule and the TLS-RPT result type (RFC 8460 §4.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import type { DeliveryAttempt, OutboundMessage, SendRequest } from '../../../common/sender.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { openAttackLab, type AttackLab } from './attack-fixture.ts';

let t: AttackLab;
beforeAll(async () => {
  t = await openAttackLab();
});
afterAll(async () => t.close());

async function send(extra: Partial<SendRequest>): Promise<OutboundMessage> {
  const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'wording', body: 'hello\n', ...extra });
  if (!submitted.ok) throw new Error(submitted.message);
  return t.lab.sender.settled(submitted.message.id);
}

const last = (m: OutboundMessage): DeliveryAttempt => m.attempts.at(-1)!;
const inJapanese = (a: DeliveryAttempt) => (a.reasonText ? renderText('ja', a.reasonText) : '(no reasonText)');
/** The sender's decisions about this message, as its policy rows give them, in English and Japanese. */
const rows = (m: OutboundMessage) =>
  t.lab.trace
    .all()
    .filter((e) => e.layer === 'policy' && e.detail?.message === m.id)
    .map((e) => ({ en: String(e.detail?.reason), ja: e.detail?.reasonText ? renderText('ja', e.detail.reasonText as never) : '' }));
const REPLY = '454 4.7.0 TLS not available due to temporary reason';

describe('STARTTLS answered with 454 by the attacker', () => {
  beforeAll(async () => {
    await t.attack('strip-starttls', { mode: 'refuse-454' });
  });

  it('MTA-STS enforce: offered, then refused with 454; not delivered, counted as starttls-not-supported', async () => {
    const message = await send({ policy: 'mta-sts' });
    expect(message.state).toBe('deferred');
    const attempt = last(message);
    expect(attempt.rule).toBe('RFC 8461 §5');
    expect(attempt.reason).toBe(`the policy for example.jp is enforce and mx.example.jp offered STARTTLS but refused it with ${REPLY} (§4): not delivering to mx.example.jp; try the next MX as if this one were unreachable, and treat the failure as transient`);
    expect(inJapanese(attempt)).toBe(`example.jp のポリシーは enforce で、mx.example.jp は STARTTLS を提示したが、${REPLY} で拒否した（§4）：mx.example.jp には配送しない。この MX に到達できなかったものとして次の MX を試し、一時的な失敗として扱う`);
    for (const row of rows(message)) {
      expect(row.en).not.toMatch(/offered no STARTTLS/);
      expect(row.ja).not.toMatch(/STARTTLS を提示しなかった/);
    }
    const sts = t.lab.sender.tlsrpt.aggregates('example.jp').find((a) => a.policy.type === 'sts')!;
    const failure = sts.details.find((d) => d.detail.failureReasonCode?.includes(REPLY));
    expect(failure?.detail.resultType).toBe('starttls-not-supported');
  });

  it('DANE: offered, then refused with 454; TLS is mandatory, so not delivered (RFC 7672 §2.2.3)', async () => {
    const message = await send({ policy: 'dane' });
    expect(message.state).toBe('deferred');
    const attempt = last(message);
    expect(attempt.rule).toBe('RFC 7672 §2.2.3');
    expect(attempt.reason).toBe(`mx.example.jp has secure TLSA records and offered STARTTLS, but refused it with ${REPLY}: the sender MUST NOT deliver without TLS; try the next MX`);
    expect(inJapanese(attempt)).toBe(`mx.example.jp には安全な TLSA レコードがあり、STARTTLS も提示したが、${REPLY} で拒否した：送信側は TLS なしで配送してはならない（MUST NOT）。次の MX を試す`);
    expect(japaneseProblems(inJapanese(attempt))).toEqual([]);
    for (const row of rows(message)) expect(row.en).not.toMatch(/offered no STARTTLS/);
    const tlsa = t.lab.sender.tlsrpt.aggregates('example.jp').find((a) => a.policy.type === 'tlsa')!;
    expect(tlsa.details.find((d) => d.detail.failureReasonCode?.includes(REPLY))?.detail.resultType).toBe('starttls-not-supported');
  });

  it('smtp_tls_security_level = encrypt: offered, then refused with 454', async () => {
    const edited = t.lab.postconf.edit(['smtp_tls_security_level = encrypt']);
    expect(edited.ok).toBe(true);
    try {
      const message = await send({});
      expect(message.state).toBe('deferred');
      const attempt = last(message);
      expect(attempt.rule).toBe('TLS_README: encrypt');
      expect(attempt.reason).toContain(`mx.example.jp offered STARTTLS and refused it with ${REPLY}`);
      expect(inJapanese(attempt)).toContain(`mx.example.jp は STARTTLS を提示したが ${REPLY} で拒否した`);
      for (const row of rows(message)) expect(row.en).not.toMatch(/offered no STARTTLS/);
    } finally {
      t.lab.postconf.reset();
    }
  });

  it('REQUIRETLS: the refusal is named, and the message bounces with 5.7.10', async () => {
    const message = await send({ policy: 'opportunistic', requireTls: true });
    expect(message.state).toBe('bounced');
    const attempt = last(message);
    expect(attempt.reason).toContain(`mx.example.jp refused STARTTLS (${REPLY})`);
    expect(inJapanese(attempt)).toContain(`mx.example.jp が STARTTLS を拒否した（${REPLY}）`);
    for (const row of rows(message)) expect(row.en).not.toMatch(/offered no STARTTLS/);
  });
});

describe('a handshake the attacker broke under DANE', () => {
  it('tls-downgrade (rewrite): the TLS error is in the reason on one line, without its trailing newline', async () => {
    await t.attack('tls-downgrade', { mode: 'rewrite' });
    const message = await send({ policy: 'dane' });
    expect(message.state).toBe('deferred');
    const attempt = last(message);
    expect(attempt.reason).toMatch(/^the TLS handshake with mx\.example\.jp failed \(ERR_SSL_INAPPROPRIATE_FALLBACK: .*inappropriate fallback[^)]*\); TLS is mandatory here: try the next MX$/);
    expect(attempt.reason).not.toMatch(/\s\)/);
    expect(attempt.reason).not.toContain('\n');
    expect(inJapanese(attempt)).not.toContain('\n');
    expect(inJapanese(attempt)).toMatch(/^mx\.example\.jp との TLS ハンドシェイクに失敗した（ERR_SSL_INAPPROPRIATE_FALLBACK: [^\n]*:）。ここでは TLS が必須：次の MX を試す$/);
    for (const row of rows(message)) expect(row.en).not.toContain('\n');
    // The notice's Diagnostic-Code line holds the reason whole: the error does not break it.
    const diagnostic = message.notice?.text.split('\n').find((line) => line.startsWith('Diagnostic-Code:')) ?? '';
    expect(diagnostic).toMatch(/inappropriate fallback[^)]*\); TLS is mandatory here: try the next MX \(RFC 7672 §2\.2\)$/);
  });
});
