// `lab dkim`: the key that signs sender.example's mail and the TXT record of each key (the helper
// that prints the record to publish with `lab dns add`); `lab dkim use current|next` switches the
// signer, the middle step of a key rollover.
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import type { DkimKeyStatus } from '../../nodes/sender/dkim/mail-dkim-keys.ts';
import { apiPost, requireRun } from '../lab-client.ts';
import { formatDkimRecord, formatDkimStatus } from '../format/dkim-text.ts';

export const summary = 'dkim [record current|next] [use current|next] [--json]: sender.example\'s DKIM keys and their TXT records';

const usage = () => `usage: lab dkim [--json]              ${say(text('dkimUsage.show'))}
       lab dkim record current|next  ${say(text('dkimUsage.record'))}
       lab dkim use current|next     ${say(text('dkimUsage.use'))}
`;

export async function run(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [sub, which, ...rest] = argv.filter((a) => a !== '--json');
  if ((sub !== undefined && sub !== 'record' && sub !== 'use') || (sub && which !== 'current' && which !== 'next') || rest.length) {
    process.stderr.write(usage());
    return 2;
  }
  const info = requireRun().info;
  const status = await apiPost<DkimKeyStatus>(info, '/api/dkim', sub === 'use' ? { use: which } : {});
  if (json) {
    process.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  }
  process.stdout.write(sub === 'record' ? formatDkimRecord(status.keys[which as 'current' | 'next']) : formatDkimStatus(status));
  return 0;
}
