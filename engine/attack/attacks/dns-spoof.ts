// dns-spoof: forged answers between the lab's resolvers and its DNS server. The MX of
// example.jp points to the attacker's own MTA (which starts with it), the _mta-sts TXT record
// disappears so a sender on first contact finds no policy (RFC 8461 §3.3 then delivers as
// without MTA-STS), and the TLSA record can name the attacker's key. Signed zones come back
// bogus from a validating resolver: DNSSEC is what stops this (RFC 4035 §5.5, RFC 7672 §2.1.1).

import { installAll, type AttackModule } from '../attack-module.ts';
import { installForgeries } from '../dns/forgeries.ts';
import { installImpostor } from '../impostor/install.ts';

export const dnsSpoof: AttackModule = {
  info: {
    name: 'dns-spoof',
    title: { en: 'DNS spoofing', ja: 'DNS スプーフィング（偽の応答）' },
    description: {
      en: 'Forges DNS answers on the path: the MX of example.jp points to the attacker\'s MTA mail.attacker.example (started with it), the _mta-sts TXT record vanishes (first contact: no policy), and the TLSA record can name the attacker\'s key. A sender that does not validate DNSSEC believes it; a validating resolver answers bogus because example.jp is signed.',
      ja: '経路上で DNS の応答を偽造します。example.jp の MX を攻撃者の MTA（mail.attacker.example、同時に起動）に向け、_mta-sts の TXT レコードを消し（初回接続ではポリシーが見つからない）、TLSA レコードを攻撃者の鍵に差し替えることもできます。DNSSEC を検証しない送信側は信じてしまいますが、example.jp は署名されているので、検証するリゾルバは bogus と判定します。',
    },
    target: 'dns',
    params: [
      {
        name: 'mx',
        description: { en: 'impostor: example.jp MX → mail.attacker.example; keep: leave the MX alone', ja: 'impostor: example.jp の MX を mail.attacker.example に、keep: MX は変えない' },
        values: ['impostor', 'keep'],
      },
      {
        name: 'mta-sts',
        description: {
          en: 'remove: answer that _mta-sts.example.jp has no TXT record; drop: drop the answer; keep: leave it',
          ja: 'remove: _mta-sts.example.jp の TXT は存在しないと答える、drop: 応答を捨てる、keep: 変えない',
        },
        values: ['remove', 'drop', 'keep'],
      },
      {
        name: 'tlsa',
        description: {
          en: 'forge: _25._tcp.mx.example.jp TLSA names the key of the attacker\'s misissued certificate; keep: leave it',
          ja: 'forge: _25._tcp.mx.example.jp の TLSA を攻撃者の誤発行証明書の鍵に差し替える、keep: 変えない',
        },
        values: ['keep', 'forge'],
      },
    ],
    stoppedBy: {
      en: 'DNSSEC validation (RFC 4035): forged answers in the signed example.jp are bogus; DANE requires it (RFC 7672 §2.1.1). MTA-STS stops it only after a first contact cached the policy',
      ja: 'DNSSEC の検証（RFC 4035）: 署名された example.jp の偽の応答は bogus になる。DANE は検証を必須とする（RFC 7672 §2.1.1）。MTA-STS はポリシーをキャッシュした後の接続でのみ防げる',
    },
  },
  async start(run) {
    const mtaSts = run.params['mta-sts'];
    const mx = run.params.mx === 'impostor';
    return installAll([
      ...(mx ? [() => installImpostor(run)] : []),
      () => installForgeries(run, { mx, ...(mtaSts === 'keep' ? {} : { mtaSts: mtaSts as 'remove' | 'drop' }), tlsa: run.params.tlsa === 'forge' }),
    ]);
  },
};
