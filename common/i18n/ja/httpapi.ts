// Japanese refusals of the lab's HTTP API.
import type { httpapi as en } from '../en/httpapi.ts';

export const httpapi: Record<keyof typeof en, string> = {
  'httpApi.notFound': '見つからない',
  'httpApi.withRule': '{message}（{rule}）',
  'httpApi.noDmarc': 'この実習環境には DMARC レポートの機能がない',
  'httpApi.malformedSend': '送信の要求の形式が正しくない',
  'httpApi.unknownAttack': '知らない攻撃。次のどれか：{names}',
  'httpApi.params': 'params には {count} 個までの名前と、{length} 文字までの文字列の値を指定する',
  'httpApi.notLabName': 'id：実習の名前ではない',
  'httpApi.whichLab': 'id：開く実習を指定する',
  'httpApi.dnsEditFields': 'op、name、type を指定する。例：{example}',
  'httpApi.dnsValue': 'value：8 KiB までのテキスト',
  'httpApi.ttl': 'ttl：秒数',
  'httpApi.dnsModeFields': 'zone と mode を指定する。例：{example}',
  'httpApi.policyFields': 'domain と text を指定する（{url} で配信するポリシーファイル）',
  'httpApi.lesson': 'lesson：次のどれか：{lessons}',
  'httpApi.currentOrNext': '{field}：current か next',
  'httpApi.op25b': 'op25b：true か false',
  'httpApi.domainName': 'domain にはドメイン名を指定する',
  'httpApi.arcLists': 'trust と untrust にはドメイン名のリストを指定する（例：{example}）。untrustAll は true か false',
  'httpApi.arcTooMany': '信頼する封印者は {count} 個まで',
  'checkerRun.notDomain': '「{domain}」はドメイン名ではない：{problem}',
  'checkerRun.failed': '{domain} のチェックに失敗した：{error}',
};
