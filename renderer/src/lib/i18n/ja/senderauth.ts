// Japanese UI text: sender authentication at the receiver and the Junk folder.
import type { senderauth as en } from '../en/senderauth.ts';

export const senderauth: Record<keyof typeof en, string> = {
  'auth.title': '{host} の送信ドメイン認証',
  'auth.help': '{host} が milter（main.cf の smtpd_milters）で検査し、Received ヘッダーの上の Authentication-Results ヘッダー（RFC 8601）に書いた結果です。',
  'auth.spf': 'SPF',
  'auth.dkim': 'DKIM',
  'auth.dmarc': 'DMARC',
  'auth.arc': 'ARC',
  'auth.notChecked': '検査していない',
  'auth.noSignature': '署名なし',
  'auth.spfDetail': 'MAIL FROM {mailFrom}、送信元 {ip}',
  'auth.dkimDetail': 'd={domain} s={selector}',
  'auth.libraryWord': 'mailauth の判定は {word}',
  'auth.dmarcDetail': 'From: {domain}、ポリシー p={policy}',
  'auth.dmarcAligned': '一致（アラインメント）：{which}',
  'auth.dmarcNothingAligned': '一致するものなし',
  'auth.arcDetail': 'ARC セット {count} 個、最後の封印は {sealer}',
  'auth.decision': '判断',
  'auth.field': 'Authentication-Results ヘッダー',
  'auth.folder.inbox': '受信トレイ',
  'auth.folder.junk': '迷惑メール',
  'auth.junkTitle': 'DMARC により隔離（p=quarantine）：迷惑メールフォルダーに配送',
  'auth.none': 'なし',
};
