import { text, type Text } from '../../../common/i18n/text.ts';
import type { MailboxMessage } from '../../../common/lab.ts';
import { say } from '../cli-locale.ts';

/** Which folder the message is in and why: the receiver's DMARC decision, or why nothing was checked. */
function folderLine(m: MailboxMessage): Text {
  const folder = text(m.folder === 'junk' ? 'mailboxCli.junk' : 'mailboxCli.inbox');
  if (m.auth) return text('mailboxCli.folder', { folder, reason: m.auth.disposition.reasonText ?? m.auth.disposition.reason, rule: m.auth.disposition.rule });
  return text('mailboxCli.folderUnchecked', { folder, reason: m.authUser ? text('mailboxCli.submitted', { user: m.authUser }) : text('mailboxCli.noMilter') });
}

/** A folded header field as written, each continuation line indented under the first. */
const fieldLines = (field: string) => field.split(/\r?\n/).map((line) => `  ${line.replace(/^\t/, '    ')}`);

/**
 * One block per message: envelope, subject, how it came (plaintext or TLS, REQUIRETLS), the
 * folder it landed in, and the Authentication-Results and Received fields the receiver
 * prepended (RFC 8601 §5: Authentication-Results above Received), with their folds.
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
      `  ${say(folderLine(m))}`,
      ...(m.auth ? fieldLines(m.auth.header) : []),
      ...fieldLines(m.received),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
