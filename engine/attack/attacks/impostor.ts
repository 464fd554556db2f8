// impostor: the attacker's own receiving MTA for example.jp (なりすまし受信). It needs someone to
// send there: a forged MX (on by default here, as dns-spoof does), or a learner typing its
// address. What it receives, it reads, TLS or not: TLS protects the path, not the peer you
// were led to. DNSSEC (the MX is bogus), MTA-STS (mx patterns, RFC 8461 §4.1) and DANE stop it.

import { installAll, type AttackModule } from '../attack-module.ts';
import { installForgeries } from '../dns/forgeries.ts';
import { installImpostor } from '../impostor/install.ts';

export const impostor: AttackModule = {
  info: {
    name: 'impostor',
    title: { en: 'Impostor receiving server', ja: 'なりすまし受信サーバー' },
    description: {
      en: 'Starts the attacker\'s own MTA mail.attacker.example (203.0.113.66), which accepts mail for example.jp and keeps everything it receives. With spoof-mx on, a forged MX leads senders there; it even offers STARTTLS with a valid certificate for its own name.',
      ja: '攻撃者自身の MTA（mail.attacker.example、203.0.113.66）を起動します。example.jp 宛てのメールを受け付け、受け取ったものをすべて保存します。spoof-mx が on なら偽の MX で送信側を誘導します。自分の名前の正しい証明書で STARTTLS も提供します。',
    },
    target: 'smtp',
    params: [
      {
        name: 'spoof-mx',
        description: { en: 'on: also forge the MX of example.jp to point here; off: only start the MTA', ja: 'on: example.jp の MX も偽造してここに向ける、off: MTA を起動するだけ' },
        values: ['on', 'off'],
      },
    ],
    stoppedBy: {
      en: 'DNSSEC validation (the forged MX is bogus), MTA-STS (mail.attacker.example matches no mx pattern, RFC 8461 §4.1) and DANE (RFC 7672)',
      ja: 'DNSSEC の検証（偽の MX は bogus）、MTA-STS（mail.attacker.example はどの mx パターンにも一致しない、RFC 8461 §4.1）、DANE（RFC 7672）',
    },
  },
  async start(run) {
    return installAll([() => installImpostor(run), ...(run.params['spoof-mx'] === 'on' ? [() => installForgeries(run, { mx: true })] : [])]);
  },
};
