// mx.example.jp が作って送る DMARC 集計レポート（RFC 7489 §7）の日本語の文。
import type { dmarcreport as en } from '../en/dmarcreport.ts';

export const dmarcreport: Record<keyof typeof en, string> = {
  'dmarcRpt.noRua': '{domain}：{messages} 通を数えましたが、DMARC レコードに rua= がないためレポートは送りません',
  'dmarcRpt.notMailto': '{uri}：送り先にできるのは mailto: だけです',
  'dmarcRpt.badUri': '{uri}：この URI にはメールアドレスがありません',
  'dmarcRpt.tooBig': '{uri}：レポートのメッセージは {size} バイトで、URI が許す {max} バイトを超えています',
  'dmarcRpt.noDmarc1': 'TXT レコードは {count} 件で、v=DMARC1 で始まるものはありません',
  'dmarcRpt.notAuthorized': '{uri}：送りません。{name} が {domain} についてのレポートの受け取りを認めていません（{why}）',
  'dmarcRpt.authorized': '{name} に「{record}」があります：{destination} は {domain} についてのレポートを受け取ります',
  'dmarcRpt.sent': 'DMARC レポート {id} を {uri} へ：送信しました（{detail}）',
  'dmarcRpt.failed': 'DMARC レポート {id} を {uri} へ：送れませんでした（{detail}）',
  'dmarcRpt.noMx': '{domain} のメールサーバーがありません：{why}',
  'dmarcRpt.noRoute': '{domain} のどのメールサーバーにも届きません',
  'dmarcRpt.hostUnreachable': '{host}（{address}）には mx.example.jp から届きません',
  'dmarcRpt.accepted': '{host} が受け付けました（{code}）',
  'labUsage.dmarc': '受信側の DMARC 集計レポート',
  'dmarcRpt.refused': '{host}：{why}',
};
