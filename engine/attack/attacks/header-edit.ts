// header-edit: the attacker's MTA changes the Subject of a signed message on its way (an
// intermediary an attacker controls). The DKIM signature covers Subject (RFC 6376 §5.4), so it no
// longer verifies: DKIM detects the change, whatever TLS said about each hop.
import { text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { installHop } from '../hop/hop-mta.ts';
import { fieldValue, joinMessage, splitMessage, withField } from '../hop/rewrites.ts';

export const headerEdit: AttackModule = {
  info: {
    name: 'header-edit',
    title: { en: 'Edit a header of a signed message', ja: '署名済みメッセージのヘッダー改ざん' },
    description: {
      en: 'mail.attacker.example takes the message, changes its Subject (or its body) and sends it on to mx.example.jp, keeping the sender\'s DKIM-Signature. The signature no longer verifies.',
      ja: 'mail.attacker.example がメッセージを受け取り、Subject（または本文）を書き換えて、送信者の DKIM-Signature を残したまま mx.example.jp へ送ります。署名は検証に通らなくなります。',
    },
    target: 'smtp',
    params: [{ name: 'part', description: { en: 'subject: prefix the Subject with "URGENT: "; body: change the body', ja: 'subject: Subject の先頭に「URGENT: 」を付ける、body: 本文を書き換える' }, values: ['subject', 'body'] }],
    stoppedBy: {
      en: 'DKIM (RFC 6376 §6.1.3): the header hash (subject) or the body hash (body) no longer matches the signature',
      ja: 'DKIM（RFC 6376 §6.1.3）：ヘッダーのハッシュ（subject）または本文のハッシュ（body）が署名と一致しなくなる',
    },
  },
  async start(run) {
    return installHop(run, async (message) => {
      const parts = splitMessage(message.bytes);
      if (run.params.part === 'body') {
        const body = `Please pay the attached invoice to account 6666-0000 today.\r\n${parts.body}`;
        return { ...message, bytes: joinMessage({ head: parts.head, body }), said: text('attack.bodyEdited') };
      }
      const subject = `URGENT: ${fieldValue(parts.head, 'Subject') ?? ''}`;
      return { ...message, bytes: joinMessage({ head: withField(parts.head, 'Subject', subject), body: parts.body }), said: text('attack.headerEdited', { subject }) };
    });
  },
};
