import { text } from '../../../common/i18n/text.ts';
import type { MailboxMessage } from '../../../common/lab.ts';
import { say } from '../cli-locale.ts';

/**
 * One block per message: envelope, subject, how it came (plaintext or TLS, REQUIRETLS) and the
 * Received field the receiver prepended, with its folds.
 */
export function formatMailbox(messages: MailboxMessage[]): string {
  if (messages.length === 0) return `${say(text('mailboxCli.empty'))}\n`;
  const blocks = messages.map((m) => {
    const transport = `${m.tls ? `TLS ${m.tls.version} ${m.tls.cipher}` : say(text('mailboxCli.plaintext'))}${m.requireTls ? ', REQUIRETLS' : ''}`;
    return [
      `#${m.id}  ${m.receivedAt}  ${m.host}:${m.port}  ${transport}`,
      `  MAIL FROM: <${m.envelope.mailFrom}>`,
      `  RCPT TO:   ${m.envelope.rcptTo.map((r) => `<${r}>`).join(', ')}`,
      `  Subject:   ${m.subject}`,
      `  ${say(m.authUser ? text('mailboxCli.sizeAuth', { size: m.size, helo: m.helo, user: m.authUser }) : text('mailboxCli.size', { size: m.size, helo: m.helo }))}`,
      ...m.received.split(/\r?\n/).map((line) => `  ${line.replace(/^\t/, '    ')}`),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
