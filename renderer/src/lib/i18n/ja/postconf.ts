// 日本語 UI テキスト：main.cf タブ（実習用 MTA 2 台の Postfix 設定）とトレースの設定変更行。
import type { postconf as en } from '../en/postconf.ts';

export const postconf: Record<keyof typeof en, string> = {
  'pane.mainCf': 'main.cf',

  'postconf.title': 'main.cf',
  'postconf.unavailable': 'この実習環境には main.cf がありません。',
  'postconf.help':
    '実習用 MTA 2 台の Postfix 設定です。smtpd_* は受信 MTA mx.example.jp を、smtp_* は送信 MTA mail.sender.example を設定します。書かなかったパラメーターは Postfix の既定値に戻ります。変更はこれ以降の新しい接続から有効になります。',
  'postconf.editor': '設定（main.cf）',
  'postconf.apply': '適用',
  'postconf.revert': '編集を破棄',
  'postconf.reset': '実習環境の既定に戻す',
  'postconf.unsaved': 'まだ適用していません',
  'postconf.applying': '適用中…',
  'postconf.changed': '適用しました：{names}',
  'postconf.unchanged': '適用しました（変更はありません）。',
  'postconf.refused': '何も変更していません。先に次の行を直してください。',
  'postconf.line': '{line} 行目',
  'postconf.current': 'postconf -n（現在有効な設定）',
  'postconf.currentEmpty': '（すべて Postfix の既定値）',
  'postconf.terminal': '端末でも同じことができます：lab postconf -n、lab postconf -e \'名前 = 値\'、Postfix の既定値は lab postconf -d。',
  'postconf.files': '証明書：/etc/smtp-lab/tls/{valid,expired,wrong-name,self-signed}/{privkey,cert,fullchain}.pem。送信側の MTA-STS：smtp_tls_policy_maps = socketmap:inet:127.0.0.1:8461:postfix',

  'ev.configChanged': '{node}：{param} = {value}（変更前：{old}）。新しい接続から有効',
  'ev.configEmpty': '空',
};
