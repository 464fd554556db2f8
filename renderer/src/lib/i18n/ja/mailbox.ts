// Japanese UI text: the mailbox.
import type { mailbox as en } from '../en/mailbox.ts';

export const mailbox: Record<keyof typeof en, string> = {
  'mailbox.empty': 'まだメールは届いていません。',
  'mailbox.count': '{count} 通',
  'mailbox.noSubject': '(件名なし)',
  'mailbox.plaintext': '平文',
  'mailbox.select': 'メッセージを選ぶと中身を表示します。',
  'mailbox.envelope': 'エンベロープ',
  'mailbox.mailFrom': 'MAIL FROM',
  'mailbox.rcptTo': 'RCPT TO',
  'mailbox.helo': 'HELO/EHLO 名',
  'mailbox.authUser': 'SMTP AUTH ユーザー',
  'mailbox.notAuthenticated': 'なし(未認証)',
  'mailbox.headers': 'ヘッダー',
  'mailbox.headerName': '名前',
  'mailbox.headerValue': '値',
  'mailbox.body': '本文',
  'mailbox.transport': '届き方',
  'mailbox.viaTls': 'STARTTLS で暗号化: {version}、{cipher}',
  'mailbox.viaPlain': '平文: 経路上の誰でも読めたし、書き換えもできました。',
  'mailbox.received': '受信時刻',
  'mailbox.receivedBy': '{host} のポート {port}',
  'mailbox.size': 'サイズ',
  'mailbox.flow': 'トレースのフロー',
  'mailbox.nullSender': '<>(ヌル送信者)',
};
