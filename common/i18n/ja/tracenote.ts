// Japanese sentences of the trace rows left by a decoder or an interceptor that threw.
import type { tracenote as en } from '../en/tracenote.ts';

export const tracenote: Record<keyof typeof en, string> = {
  'traceNote.decoderError': 'デコーダーのエラー：{error}',
  'traceNote.dnsUndecoded': '応答をデコードせずに中継した：{error}',
  'traceNote.noReply': '{host} に応答を中継しなかった：{error}',
  'traceNote.op25b': '{isp} が端末からの外向きのポート 25 を塞いでいる（OP25B）：{host}:25 への接続は拒否された。SMTP AUTH を使ってポート 587 で投稿する',
  'traceNote.receiverKeyMatches': '{host} が {key} の鍵（3 1 1 {spki}...）を提示するようになった。{tlsa} の TLSA はすでにこの鍵と一致している',
  'traceNote.receiverKeyMismatch': '{host} が {key} の鍵（3 1 1 {spki}...）を提示するようになった。{tlsa} の TLSA はこの鍵と一致しない：一致するまで DANE の送信側は配送を保留する',
  'traceNote.checkerStart': '{node}：{domain} のメールテストを開始',
  'traceNote.checkerEnd': '{node}：{domain} の得点は {score}%（不合格：{failed}）',
  'traceNote.checkerEndAll': '{node}：{domain} の得点は {score}%（すべての項目が合格）',
  'traceNote.interceptorError': 'インターセプターのエラー（このチャンクは書き換えずに転送）：{error}',
  'traceNote.attackError': '攻撃処理のエラー（このチャンクは書き換えずに転送）：{error}',
};
