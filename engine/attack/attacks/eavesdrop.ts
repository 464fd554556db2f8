// eavesdrop: passive. Every byte goes on unchanged; the attacker reads what is plaintext on
// the wire (RFC 3207 §1: without STARTTLS, SMTP is readable by anyone on the path).

import type { AttackModule } from '../attack-module.ts';
import { interceptSmtpLinks } from '../proxy/intercept-links.ts';
import { smtpTap } from '../proxy/smtp-tap.ts';

export const eavesdrop: AttackModule = {
  info: {
    name: 'eavesdrop',
    title: { en: 'Eavesdrop on the path', ja: '経路上での盗聴' },
    description: {
      en: 'Sits on the SMTP links (sender → mx, terminal → mx) and only reads. Without TLS it sees every command, the envelope, the whole message and AUTH PLAIN/LOGIN passwords, which are base64, not encryption. After a successful STARTTLS it sees only TLS records.',
      ja: 'SMTP の経路（送信 MTA → mx、端末 → mx）に入り、読むだけの攻撃です。TLS がなければ、すべてのコマンド、エンベロープ、メッセージ全体、AUTH PLAIN/LOGIN のパスワードが見えます（base64 は暗号ではありません）。STARTTLS が成功した後は TLS レコードしか見えません。',
    },
    target: 'smtp',
    params: [],
    stoppedBy: {
      en: 'STARTTLS (RFC 3207) while nobody strips it; MTA-STS (RFC 8461) or DANE (RFC 7672) make TLS mandatory',
      ja: 'STARTTLS（RFC 3207、除去されない限り）。MTA-STS（RFC 8461）や DANE（RFC 7672）で TLS を必須にすると確実',
    },
  },
  async start(run) {
    return interceptSmtpLinks(run, (conn) => {
      const watch = smtpTap(run, conn);
      return {
        data(dir, chunk, io) {
          io.send(dir, chunk);
          watch.feed(dir, chunk);
        },
        closed: () => watch.finish(),
      };
    });
  },
};
