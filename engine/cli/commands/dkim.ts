// `lab dkim`: the key that signs sender.example's mail and the TXT record of each key (the helper
// that prints the record to publish with `lab dns add`); `lab dkim use current|next` switches the
// signer, the middle step of a key rollover.
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import type { DkimKeyStatus } from '../../nodes/sender/dkim/mail-dkim-keys.ts';
import { apiPost, requireRun } from '../lab-client.ts';

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
  if (sub === 'record') {
    const key = status.keys[which as 'current' | 'next'];
    process.stdout.write(`${key.record}\n`);
    process.stdout.write(`# to publish it: lab dns add ${key.name} TXT '${key.value}'\n`);
    return 0;
  }
  const lines = [`sender.example signs with selector ${status.keys[status.signing].selector} (${status.signing})`];
  for (const k of ['current', 'next'] as const) {
    const key = status.keys[k];
    lines.push(`  ${k.padEnd(7)} ${key.name}  ${key.published ? 'published' : 'NOT published'}${status.signing === k ? '  <- signing' : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
