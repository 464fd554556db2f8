// `lab policy set FILE [--domain D]` / `lab policy show`: what the MTA-STS policy host serves
// (https://mta-sts.DOMAIN/.well-known/mta-sts.txt), the same editor as the UI's MTA-STS tab.
import { parseArgs } from 'node:util';
import type { PolicyHostEntry } from '../../../common/sender.ts';
import { text as sentence } from '../../../common/i18n/text.ts';
import { apiGet, apiPost, requireRun } from '../lab-client.ts';
import { say } from '../cli-locale.ts';
import { formatPolicyHostEntry } from '../format/policy-host-text.ts';
import { MAX_SERVED_POLICY_FILE, readCapped, unreadable } from '../read-capped.ts';

export const summary = 'policy set FILE [--domain D] [--lesson L] | policy show: the MTA-STS policy host of the running lab';

const USAGE = `usage: lab policy set FILE [--domain example.jp] [--lesson wrong-media-type|redirect|not-found|oversize|slow]
       lab policy show
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { domain: { type: 'string' }, lesson: { type: 'string' } } });
  const [sub, file] = positionals;
  if (sub === 'show' && !file) {
    for (const entry of await apiGet<PolicyHostEntry[]>(requireRun().info, '/api/policies')) process.stdout.write(formatPolicyHostEntry(entry));
    return 0;
  }
  if (sub !== 'set' || !file || positionals.length !== 2) {
    process.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = (await readCapped(file, MAX_SERVED_POLICY_FILE, sentence('cliArgs.whatPolicy'))).toString('utf8');
  } catch (error) {
    process.stderr.write(`lab policy: ${say(unreadable(file, error))}\n`);
    return 1;
  }
  const entry = await apiPost<PolicyHostEntry>(requireRun().info, '/api/policy', { domain: values.domain ?? 'example.jp', text, lesson: values.lesson ?? null });
  process.stdout.write(formatPolicyHostEntry(entry));
  return 0;
}
