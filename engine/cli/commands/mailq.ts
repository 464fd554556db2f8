import { parseArgs } from 'node:util';
import type { OutboundMessage } from '../../../common/sender.ts';
import { formatMailq, mailqJson, queuedOnly } from '../format/mailq-text.ts';
import { apiGet, requireRun } from '../lab-client.ts';

export const summary = "the sending MTA's queue, as Postfix's mailq prints it [--json]";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const outbox = await apiGet<OutboundMessage[] | undefined>(requireRun().info, '/api/outbox');
  const queue = queuedOnly(outbox ?? []);
  process.stdout.write(values.json ? `${JSON.stringify(mailqJson(queue))}\n` : formatMailq(queue));
  return 0;
}
