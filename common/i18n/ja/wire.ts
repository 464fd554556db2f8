// Japanese sentences the wire decoders write into smtp and tls rows about the bytes they read.
import type { wire as en } from '../en/wire.ts';

export const wire: Record<keyof typeof en, string> = {
  'wire.lineTooLong': '{length} オクテットの行が上限の {limit} を超えている（{rule}）',
  'wire.lineTooLongAtLeast': '少なくとも {length} オクテットある行が上限の {limit} を超えている（{rule}）',
  'wire.lineBareLf': '行が LF だけで終わっている。SMTP の行は CRLF で終わる（RFC 5321 §2.3.8）',
  'wire.lineUnterminated': 'この行が終わる前に接続が閉じられた',
  'wire.nonUtf8': 'UTF-8 ではないオクテットを含む（\\xNN の形で表示）',
  'wire.commandAfterStarttls': 'STARTTLS の後、TLS ハンドシェイクの前に平文で送られた。サーバーはこれを破棄しなければならない（RFC 3207 §6）',
  'wire.replyTooLong': '{limit} オクテットより長い応答行が {count} 行ある（RFC 5321 §4.5.3.1.5）',
  'wire.replyBareLf': '応答行が LF だけで終わっている。SMTP の行は CRLF で終わる（RFC 5321 §2.3.8）',
  'wire.replyNoCode': '応答行は 3 桁のコードで始まらなければならない（RFC 5321 §4.2）',
  'wire.replyCodeMismatch': '複数行の応答では、すべての行が同じコードを持つ（RFC 5321 §4.2.1）',
  'wire.replyIncomplete': 'この応答の最後の行が届く前に接続が閉じられた',
  'wire.replyAfterStarttls': 'STARTTLS への 220 の後、TLS ハンドシェイクの前に平文で送られた。クライアントはこれを破棄しなければならない（RFC 3207 §6）',
  'wire.dataBareLf': '{count} 行が LF だけで終わっている。SMTP の行は CRLF で終わる（RFC 5321 §2.3.8）',
  'wire.dataBareLfDot': '「.」の後が LF だけではメッセージは終わらない。終わりを示すのは CRLF.CRLF だけ（RFC 5321 §4.1.1.4）',
  'wire.dataLongLines': '{limit} オクテットより長い行が {count} 行ある（RFC 5321 §4.5.3.1.6）',
  'wire.tls13Encrypted': 'TLS 1.3 では ServerHello より後のすべてを application_data として送る（RFC 8446 §5.2）',
  'wire.handshakeTooLong': '{length} オクテットのハンドシェイクメッセージ',
  'wire.handshakeTruncated': '{message}：途中で切れている（あと {needed} オクテット必要なところ、残りは {left} オクテット）',
  'wire.handshakeUnreadable': '{message}：{error}',
};
