// Japanese UI text: the window itself: title, connection, text size, terminal and lab hosts.
import type { app as en } from '../en/app.ts';

export const app: Record<keyof typeof en, string> = {
  'app.title': 'SMTP Lab',
  'app.locale': 'ja',
  'app.subtitle': 'SMTP を手で打ち、攻撃し、守る。すべて 127.0.0.1 の上で',

  'status.connecting': '接続中…',
  'status.open': '接続済み',
  'status.closed': '切断',
  'status.unauthorized': 'トークンなし',
  'status.retryIn': '{seconds} 秒後に再接続',
  'status.title': 'ラボのエンジンとの接続',

  'noToken.title': '起動時に表示された URL で開いてください',
  'noToken.body':
    'ラボのターミナルは本物のシェルなので、起動時に表示された ?token=… 付きの URL からしか接続できません。その URL を開き直してください(smtp-lab serve を実行すると新しい URL が表示されます)。',

  'lang.label': '表示言語',
  'font.label': '文字サイズ',
  'font.smaller': '文字を小さく',
  'font.larger': '文字を大きく',
  'font.reset': '文字サイズを元に戻す',

  'pane.terminal': 'ターミナル',
  'pane.trace': 'トレース',
  'pane.mailbox': '受信箱',
  'pane.hosts': 'ラボのホスト',
  'pane.resize': 'ドラッグして大きさを変更',
  'tabs.back': '左のタブを表示',
  'tabs.forward': '右のタブを表示',

  'terminal.exited': 'シェルが終了しました(終了コード {code})。',
  'terminal.exitedSignal': 'シェルが終了しました(シグナル {signal})。',
  'terminal.newShell': '新しいシェル',
  'terminal.waiting': 'ラボのエンジンに接続するとシェルが開きます。',
  'terminal.lost': 'ラボとの接続が切れました。再接続すると新しいシェルが開きます。',
  'terminal.reopened': '新しいシェル: 前のシェルは接続断で終了しました',

  'hosts.name': 'ホスト名',
  'hosts.address': 'ラボのアドレス',
  'hosts.role': '役割',
  'hosts.ports': 'ポート(ラボ → このマシン)',
  'hosts.none': 'ポートなし',
  'hosts.empty': 'ホストの一覧は接続すると表示されます。',
  'hosts.hint': 'ラボのアドレスはラベルです。実際の接続はすべて 127.0.0.1 に向かいます。openssl s_client -starttls smtp -connect 127.0.0.1:ポート のように普通のツールも使えます。',

  'role.terminal': 'あなたの端末',
  'role.sender': '送信 MTA',
  'role.receiver': '受信 MTA',
  'role.dns': 'DNS サーバー',
  'role.policy-host': 'ポリシー配信(HTTPS)',
  'role.report-collector': 'TLS-RPT レポート収集(HTTPS)',
  'role.attacker': '攻撃者',

  'error.engine': 'ラボのエンジン: {message}',
  'error.dismiss': '閉じる',
};
