// Japanese sentences of the sending MTA's durable queue and of where a TLS-RPT report went.
import type { queue as en } from '../en/queue.ts';

export const queue: Record<keyof typeof en, string> = {
  'queue.unreadable': 'キューファイル {path} を読めなかった。脇によけたので、そのメッセージ（あれば）は再試行しない',
  'queue.resumed': 'メッセージ {id} は前回の実習環境が止まったときキューにあった（{state}、ここまで {rounds} 回）。配送を再開する',
  'queue.resumedRenamed': 'メッセージ {id}（以前は {was} としてキューにあった）は前回の実習環境が止まったときキューにあった（{state}、ここまで {rounds} 回）。配送を再開する',
  'rptSend.queued': 'キュー {id}：{state}',
  'rptSend.queuedStatus': 'キュー {id}：{state}（{status}）',
  'rptSend.notUrl': 'URL ではない：{url}',
  'rptSend.notHttps': '{scheme} は https: ではない（RFC 8460 §3）',
  'rptSend.timeout': '{host} が {ms} ミリ秒以内に応答しなかった',
  'rptSend.failed': '{url} に POST できなかった：{error}',
  'route.nothingAnswers': '{address} のポート 443 で応答するものがない',
  'route.noAddress': '{host} にアドレスがない（{why}）',
  'route.bogus': 'DNSSEC 検証失敗（bogus）',
};
