// Japanese UI text: the on-path attacker.
import type { attack as en } from '../en/attack.ts';

export const attack: Record<keyof typeof en, string> = {
  'attack.title': '経路上の攻撃者',
  'attack.none': 'このラボには攻撃者がいません。',
  'attack.off': '攻撃者は停止中です。通信はすべてそのまま通ります。',
  'attack.active': '攻撃中：{title}',
  'attack.links': '対象の経路：{links}',
  'attack.start': '開始',
  'attack.stop': '停止',
  'attack.stoppedBy': '防げる対策',
  'attack.target.smtp': 'SMTP の経路',
  'attack.target.dns': 'DNS の応答',
  'attack.indicator': '攻撃者が稼働中：{name}',
  'attack.indicatorTitle': '攻撃者が稼働中：{name} — {title}。クリックすると「攻撃者」タブが開きます。',
  'attack.knowledge': '攻撃者が手に入れた情報',
  'attack.envelopes': '見えたエンベロープ',
  'attack.messages': '読まれたメッセージ',
  'attack.credentials': '解読された認証情報',
  'attack.bytes': '攻撃された経路のバイト数',
  'attack.plaintextBytes': '読めた（平文）：{count} バイト',
  'attack.encryptedBytes': '読めなかった（TLS）：{count} バイト',
  'attack.nothing': 'まだありません。',
  'attack.noBytes': '攻撃された経路には、まだ 1 バイトも流れていません。',

  'diff.title': '攻撃者が書き換えた部分',
  'diff.removed': '削除・置換：{count} バイト',
  'diff.added': '追加・置換：{count} バイト',
  'diff.same': '書き換えずに転送しました。',
};
