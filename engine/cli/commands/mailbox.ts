import { parseArgs } from 'node:util';
import type { MailboxMessage } from '../../../common/lab.ts';
import { apiGet, requireRun } from '../lab-client.ts';
import { formatMailbox } from '../format/mailbox-text.ts';

export const summary = 'messages in the running lab\'s mailbox [--json]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const messages = await apiGet<MailboxMessage[]>(requireRun().info, '/api/mailbox');
  process.stdout.write(values.json ? `${JSON.stringify(messages)}\n` : formatMailbox(messages));
  return 0;
}
