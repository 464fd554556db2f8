// The check the Japanese end-to-end test relies on: it must find English sentences and leave
// protocol text alone.
import { describe, expect, it } from 'vitest';
import { englishRuns, japaneseProblems } from '../../support/english-sentences.ts';

describe('English sentences in Japanese text', () => {
  it('finds an English sentence, also around protocol text', () => {
    expect(englishRuns('配送方法の判断 — the policy for example.jp is enforce and ...')).toEqual(['the policy for is enforce and']);
    expect(englishRuns('配送方法の判断 — no MTA-STS policy and no DANE: opportunistic STARTTLS, cleartext allowed')).toEqual(['no MTA-STS policy and no DANE opportunistic STARTTLS cleartext allowed']);
    expect(englishRuns('配送方法の判断 — MTA-STS ポリシーも DANE もない')).toEqual([]);
    expect(englishRuns('Your message was delivered to every recipient.')).toEqual(['Your message was delivered to every recipient']);
    expect(japaneseProblems('mx.example.jp offered no STARTTLS')).toEqual(['no Japanese in "mx.example.jp offered no STARTTLS"']);
    expect(japaneseProblems('<bob@example.jp>: accepted by mx.example.jp: 250 OK [RFC 5321 §4.1.1.4]')).toHaveLength(1);
  });

  it('leaves replies, fields, citations, quoted data and names alone', () => {
    const notice = [
      'こちらはホスト mail.sender.example のメールシステムです。',
      '<bob@example.jp>：250 2.0.0 Ok: queued as the next message id [RFC 5321 §4.1.1.4]',
      'Final-Recipient: rfc822; bob@example.jp',
      'Diagnostic-Code: X-SMTP-Lab; 250 OK: queued as m1 (RFC 5321 §4.1.1.4)',
    ].join('\n');
    expect(japaneseProblems(notice)).toEqual([]);
    expect(japaneseProblems('攻撃者がメッセージ全体を読んだ：「Lunch is moved to Friday noon」（ヘッダー 6 個）')).toEqual([]);
    expect(japaneseProblems('TLSv1.3（TLS_AES_256_GCM_SHA384）で受け付けた')).toEqual([]);
  });
});
