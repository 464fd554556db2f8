// spoof-from: the attacker's own host sends as someone else (RFC 5321 and RFC 5322 let any
// client write any MAIL FROM and any From:). The sender's message is taken by the attacker's MTA
// and sent on from 203.0.113.66 with the envelope and header From it chooses, without the
// DKIM-Signature it could not have made. SPF (the address is not the domain's), DKIM (no
// signature of that domain) and DMARC (nothing aligned) are what a receiver checks against it.
import { text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { installHop } from '../hop/hop-mta.ts';
import { fieldValue, joinMessage, splitMessage, withField, withoutField } from '../hop/rewrites.ts';

export const ATTACKER_BOUNCE = 'bounce@attacker.example';

export const spoofFrom: AttackModule = {
  info: {
    name: 'spoof-from',
    title: { en: 'Send as someone else (spoofed From)', ja: '差出人の詐称（なりすまし送信）' },
    description: {
      en: 'The attacker\'s MTA mail.attacker.example (203.0.113.66) takes the message and sends it to mx.example.jp itself, as the envelope and header From you choose (by default those the message had), without the DKIM signature it cannot make. Nothing in SMTP stops it; SPF, DKIM and DMARC at the receiver do.',
      ja: '攻撃者の MTA（mail.attacker.example、203.0.113.66）がメッセージを受け取り、選んだエンベロープと From ヘッダー（既定ではメッセージにあったもの）で、自分から mx.example.jp へ送ります。作れない DKIM 署名は外します。SMTP 自体には止める仕組みがなく、止めるのは受信側の SPF・DKIM・DMARC です。',
    },
    target: 'smtp',
    params: [
      { name: 'mail-from', description: { en: 'as-sent: keep the envelope sender; attacker: bounce@attacker.example (SPF passes for attacker.example, which does not align with From)', ja: 'as-sent: エンベロープの差出人をそのまま、attacker: bounce@attacker.example（attacker.example の SPF は pass するが From と一致しない）' }, values: ['as-sent', 'attacker'] },
      { name: 'header-from', description: { en: 'the From: header to write', ja: '書き込む From: ヘッダー' }, values: ['as-sent', 'ceo@example.jp', 'support@sender.example'] },
    ],
    stoppedBy: {
      en: 'DMARC at the receiver (RFC 7489): SPF fails for 203.0.113.66 (RFC 7208), there is no DKIM signature of the From domain (RFC 6376), so nothing aligns; p=reject refuses it, p=quarantine files it as junk',
      ja: '受信側の DMARC（RFC 7489）：203.0.113.66 では SPF が fail（RFC 7208）、From のドメインの DKIM 署名がない（RFC 6376）ため、どれも一致しない。p=reject なら拒否、p=quarantine なら迷惑メール',
    },
  },
  async start(run) {
    return installHop(run, async (message) => {
      const parts = splitMessage(message.bytes);
      const headerFrom = run.params['header-from'] === 'as-sent' ? fieldValue(parts.head, 'From') ?? '' : `<${run.params['header-from']}>`;
      const head = withField(withoutField(parts.head, 'DKIM-Signature'), 'From', headerFrom);
      const mailFrom = run.params['mail-from'] === 'attacker' ? ATTACKER_BOUNCE : message.mailFrom;
      return { ...message, mailFrom, bytes: joinMessage({ head, body: parts.body }), said: text('attack.spoofFrom', { mailFrom, from: headerFrom }) };
    });
  },
};
