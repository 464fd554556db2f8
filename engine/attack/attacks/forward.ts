// forward: a forwarding hop (a .forward file, an alias at another provider) relays the message
// unchanged from its own address. The envelope sender stays the original one, so SPF fails at
// the next receiver (RFC 7208 §1.1.2, RFC 7960 §3.2.1), while the DKIM signature survives: DMARC
// still passes on DKIM.
import { text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { installHop } from '../hop/hop-mta.ts';

export const forward: AttackModule = {
  info: {
    name: 'forward',
    title: { en: 'Forwarding hop (breaks SPF)', ja: '転送（SPF が壊れる）' },
    description: {
      en: 'mail.attacker.example plays a forwarder: it takes the message and sends it on to mx.example.jp unchanged, from its own address 203.0.113.66, keeping the original envelope sender. SPF of the sender\'s domain fails there; the DKIM signature still verifies.',
      ja: 'mail.attacker.example が転送サーバーとして振る舞います。メッセージを受け取り、元のエンベロープ差出人のまま、自分のアドレス 203.0.113.66 から変更せずに mx.example.jp へ送ります。送信元ドメインの SPF は fail になりますが、DKIM 署名は検証に通ります。',
    },
    target: 'smtp',
    params: [],
    stoppedBy: {
      en: 'Nothing needs stopping: DKIM (RFC 6376) survives the hop and carries DMARC (RFC 7489 §4.2); SRS or ARC (RFC 8617) tell the next receiver more',
      ja: '止める必要はない：DKIM（RFC 6376）は転送を経ても有効で、DMARC（RFC 7489 §4.2）を pass させる。SRS や ARC（RFC 8617）は次の受信者に経緯を伝える',
    },
  },
  async start(run) {
    return installHop(run, async (message) => ({ ...message, said: text('attack.forwarded', { mailFrom: message.mailFrom }) }));
  },
};
