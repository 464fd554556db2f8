import { parseArgs } from 'node:util';
import type { MailboxMessage } from '../../../common/lab.ts';
import { text } from '../../../common/i18n/text.ts';
import { apiGetAll, requireRun } from '../lab-client.ts';
import { cliLocale, say } from '../cli-locale.ts';
import { formatMailbox } from '../format/mailbox-text.ts';
import { jsonInLanguage } from '../json-in-language.ts';

export const summary = 'messages in the running lab\'s mailbox [--json]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const { items: messages, dropped } = await apiGetAll<MailboxMessage>(requireRun().info, '/api/mailbox', (oldest) => oldest.id);
  if (values.json) {
    // One message at a time: a mailbox of large messages is never one string.
    process.stdout.write('[');
    messages.forEach((message, i) => process.stdout.write(`${i ? ',' : ''}${JSON.stringify(jsonInLanguage(message, cliLocale()))}`));
    process.stdout.write(']\n');
    return 0;
  }
  if (dropped) process.stdout.write(`${say(text('mailboxCli.dropped', { count: dropped }))}\n\n`);
  process.stdout.write(formatMailbox(messages));
  return 0;
}
