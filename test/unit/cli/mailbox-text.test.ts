// `lab mailbox` as text: each message says which folder it landed in and why, and shows the
// Authentication-Results field the receiver wrote (RFC 8601), in English and in Japanese.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageAuth } from '../../../common/auth.ts';
import { text } from '../../../common/i18n/text.ts';
import type { MailboxMessage } from '../../../common/lab.ts';
import { setCliLocale } from '../../../engine/cli/cli-locale.ts';
import { formatMailbox } from '../../../engine/cli/format/mailbox-text.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const received = 'Received: from learner.example ([192.0.2.10])\r\n\tby mx.example.jp with ESMTP id 7;\r\n\tSat, 5 Dec 2026 08:00:00 +0000';
const header = 'Authentication-Results: mx.example.jp;\r\n\tspf=fail smtp.mailfrom=alice@sender.example;\r\n\tdmarc=fail header.from=sender.example';
const auth: MessageAuth = {
  authservId: 'mx.example.jp',
  spf: { result: 'fail', domain: 'sender.example', mailFrom: 'alice@sender.example', clientIp: '192.0.2.10', comment: '' },
  dkim: [],
  dmarc: { result: 'fail', fromDomain: 'sender.example', policy: 'quarantine', alignedSpf: null, alignedDkim: null, rua: [], comment: '' },
  arc: null,
  disposition: { action: 'quarantine', rule: 'RFC 7489 §6.6.2 (p=quarantine)', reason: 'DMARC fail for sender.example: p=quarantine, delivered to the Junk folder', reasonText: text('auth.quarantine', { domain: 'sender.example' }), override: null },
  header,
};
const message = (extra: Partial<MailboxMessage>): MailboxMessage => ({
  id: '7',
  receivedAt: '2026-12-05T08:00:00.000Z',
  host: 'mx.example.jp',
  port: 25,
  flow: 'f1',
  helo: 'learner.example',
  envelope: { mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] },
  authUser: null,
  received,
  requireTls: false,
  headers: [],
  subject: 'hi',
  text: 'hello',
  size: 5,
  tls: null,
  ...extra,
});

afterEach(() => setCliLocale('en'));

describe('lab mailbox (text)', () => {
  it('a quarantined message: the Junk folder with the DMARC reason, and its Authentication-Results above Received', () => {
    setCliLocale('en');
    const shown = formatMailbox([message({ auth, folder: 'junk' })]);
    expect(shown).toContain('  folder: Junk (DMARC fail for sender.example: p=quarantine, delivered to the Junk folder) [RFC 7489 §6.6.2 (p=quarantine)]');
    expect(shown).toContain('  Authentication-Results: mx.example.jp;\n      spf=fail smtp.mailfrom=alice@sender.example;\n      dmarc=fail header.from=sender.example\n  Received: from learner.example');
  });

  it('with no check run: the inbox, saying the sender was not checked and why', () => {
    setCliLocale('en');
    expect(formatMailbox([message({})])).toContain('  folder: Inbox (the sender was not checked: no sender-authentication milter in smtpd_milters)');
    expect(formatMailbox([message({ port: 587, authUser: 'alice' })])).toContain('  folder: Inbox (the sender was not checked: submitted after SMTP AUTH, as alice)');
    expect(formatMailbox([message({})])).not.toContain('Authentication-Results');
  });

  it('in Japanese', () => {
    setCliLocale('ja');
    const shown = formatMailbox([message({ auth, folder: 'junk' })]);
    expect(shown).toContain('  フォルダー：迷惑メール（sender.example の DMARC は fail：p=quarantine なので迷惑メールフォルダーへ配送）[RFC 7489 §6.6.2 (p=quarantine)]');
    expect(formatMailbox([message({ port: 587, authUser: 'alice' })])).toContain('  フォルダー：受信トレイ（送信元は検査していない：alice として SMTP AUTH 後に投稿されたため）');
    expect(japaneseProblems(shown.split('\n').filter((line) => /フォルダー/.test(line)).join('\n'))).toEqual([]);
  });
});
