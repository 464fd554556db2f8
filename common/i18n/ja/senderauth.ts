// Japanese sentences of sender authentication at the receiver, its milters and the sender-forging attacks.
import type { senderauth as en } from '../en/senderauth.ts';

export const senderauth: Record<keyof typeof en, string> = {
  'postconf.unknownMilter': '「{entry}」は実習環境のメールフィルター（milter）ではない。使えるのは {known}（OpenDKIM、OpenDMARC、OpenARC）',
  'postconf.signingMilterOnly': '送信 MTA で動くのは OpenDKIM（inet:localhost:8891）だけで、送信するメールに署名する',
  'auth.notChecked': 'ここでは DMARC を検査していない',
  'auth.dmarcPass': '{domain} の DMARC は pass',
  'auth.noRecord': '{domain} は DMARC レコードを公開していない',
  'auth.temperror': '{domain} の DMARC を評価できなかった（DNS エラー）',
  'auth.otherResult': '{domain} の DMARC は {result}',
  'auth.policyNone': '{domain} の DMARC は fail だが、ポリシーが p=none なので配送してレポートするだけ',
  'auth.reportOnly': '{domain} の DMARC は fail（p={policy}）だが、この受信側はレポートするだけ',
  'auth.arcOverride': '{domain} の DMARC は fail（p={policy}）だが、信頼する中継者 {sealer} が封印した ARC チェーンが、メッセージを変更する前は dmarc=pass だったことを示している',
  'auth.quarantine': '{domain} の DMARC は fail：p=quarantine なので迷惑メールフォルダーへ配送',
  'auth.reject': '{domain} の DMARC ポリシーにより拒否：SPF も DKIM も From のドメインと一致（アラインメント）した形で pass していない',
  'outcome.auth': '受信側の検査：{results}、フォルダー：{folder}',
  'outcome.folder.inbox': '受信トレイ',
  'outcome.folder.junk': '迷惑メール',
  'outcome.folder.rejected': 'DATA の終わりで拒否',
  'attack.hopRoute': '攻撃者の MTA {host} が、送信側から {mx}:25 への接続を引き受け、自分でメールを送り直す',
  'attack.hopSent': '{host}（{address}）が mx.example.jp へ送り直し、応答は：{reply}',
  'attack.spoofFrom': 'MAIL FROM:<{mailFrom}>、From: {from} として、DKIM 署名を外して送る',
  'attack.forwarded': '変更せずに転送。エンベロープの差出人は <{mailFrom}> のまま',
  'attack.listRewrote': 'メーリングリスト {list}：Subject に「[list]」、本文にフッターを付け、エンベロープの差出人は list-bounces@attacker.example',
  'attack.listSealed': 'メーリングリスト {list}：Subject に「[list]」、本文にフッターを付けてから、受け取ったときに検証した結果を ARC で封印する',
  'attack.headerEdited': 'Subject を「{subject}」に変更。DKIM-Signature はそのまま',
  'attack.bodyEdited': '本文の先頭に 1 行追加。DKIM-Signature はそのまま',
};
