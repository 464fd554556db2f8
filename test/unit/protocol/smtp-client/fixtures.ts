import { SmtpClientSession } from '../../../../engine/protocol/smtp-client/session.ts';
import type { SessionPolicy, SmtpClientOptions } from '../../../../engine/protocol/smtp-client/types.ts';

/** STARTTLS when offered, plaintext when not or when refused (RFC 3207 opportunistic use). */
export const opportunistic: SessionPolicy = {
  tls: ({ extensions, refused }) =>
    extensions.starttls && !refused
      ? { action: 'starttls', rule: 'RFC 3207 §4', reason: 'the server offers STARTTLS' }
      : { action: 'plaintext', rule: 'RFC 3207 §4', reason: refused ? `STARTTLS refused (${refused.code}): going on in plaintext` : 'no STARTTLS offered: plaintext' },
};

/** TLS or nothing, as MTA-STS enforce asks (RFC 8461 §5). */
export const mandatory: SessionPolicy = {
  tls: ({ extensions, refused }) =>
    extensions.starttls && !refused
      ? { action: 'starttls', rule: 'RFC 8461 §5', reason: 'the policy requires TLS' }
      : { action: 'quit', rule: 'RFC 8461 §5', reason: refused ? `STARTTLS refused (${refused.code}): not delivering` : 'no STARTTLS offered: not delivering' },
};

export const MESSAGE = 'From: a@sender.example\r\nTo: b@example.jp\r\nSubject: hi\r\n\r\nHello.\r\n';

export function session(overrides: Partial<SmtpClientOptions> = {}): SmtpClientSession {
  return new SmtpClientSession({
    clientName: 'mail.sender.example',
    serverName: 'mx.example.jp',
    from: 'a@sender.example',
    to: ['b@example.jp'],
    message: Buffer.from(MESSAGE),
    policy: opportunistic,
    ...overrides,
  });
}
