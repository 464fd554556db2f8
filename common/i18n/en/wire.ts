// English sentences the wire decoders (engine/protocol) write into smtp and tls rows about the
// bytes they read: the RFC rules a line or a message breaks, and why a TLS handshake did not parse.

export const wire = {
  'wire.lineTooLong': 'line of {length} octets exceeds the limit of {limit} ({rule})',
  'wire.lineTooLongAtLeast': 'line of at least {length} octets exceeds the limit of {limit} ({rule})',
  'wire.lineBareLf': 'line ends with a bare LF; SMTP lines end with CRLF (RFC 5321 §2.3.8)',
  'wire.lineUnterminated': 'connection closed before the end of this line',
  'wire.nonUtf8': 'contains octets that are not UTF-8 (shown as \\xNN)',
  'wire.commandAfterStarttls': 'sent in plaintext after STARTTLS, before the TLS handshake; the server must discard it (RFC 3207 §6)',
  'wire.replyTooLong': '{count} reply line(s) longer than {limit} octets (RFC 5321 §4.5.3.1.5)',
  'wire.replyBareLf': 'reply line ends with a bare LF; SMTP lines end with CRLF (RFC 5321 §2.3.8)',
  'wire.replyNoCode': 'a reply line must start with a three-digit code (RFC 5321 §4.2)',
  'wire.replyCodeMismatch': 'every line of a multi-line reply carries the same code (RFC 5321 §4.2.1)',
  'wire.replyIncomplete': 'connection closed before the last line of this reply',
  'wire.replyAfterStarttls': 'sent in plaintext after the 220 to STARTTLS, before the TLS handshake; the client must discard it (RFC 3207 §6)',
  'wire.dataBareLf': '{count} line(s) end with a bare LF; SMTP lines end with CRLF (RFC 5321 §2.3.8)',
  'wire.dataBareLfDot': '"." followed by a bare LF does not end the message; only CRLF.CRLF does (RFC 5321 §4.1.1.4)',
  'wire.dataLongLines': '{count} line(s) longer than {limit} octets (RFC 5321 §4.5.3.1.6)',
  'wire.tls13Encrypted': 'TLS 1.3 sends everything after ServerHello as application_data (RFC 8446 §5.2)',
  'wire.handshakeTooLong': 'handshake message of {length} octets',
  'wire.handshakeTruncated': '{message}: truncated: needed {needed} octets, {left} left',
  'wire.handshakeUnreadable': '{message}: {error}',
} as const;
