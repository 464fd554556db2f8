// `lab policy set FILE [--domain D]` / `lab policy show`: what the MTA-STS policy host serves
// (https://mta-sts.DOMAIN/.well-known/mta-sts.txt), the same editor as the UI's MTA-STS tab.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { PolicyHostEntry } from '../../../common/sender.ts';
import { apiGet, apiPost, requireRun } from '../lab-client.ts';

export const summary = 'policy set FILE [--domain D] [--lesson L] | policy show: the MTA-STS policy host of the running lab';

const USAGE = `usage: lab policy set FILE [--domain example.jp] [--lesson wrong-media-type|redirect|not-found|oversize|slow]
       lab policy show
`;

function entryText(entry: PolicyHostEntry): string {
  const lines = [`https://mta-sts.${entry.domain}/.well-known/mta-sts.txt (${entry.mediaType}${entry.lesson ? `, ${entry.lesson}` : ''}):`, ...entry.text.split(/\r?\n/).map((l) => `  ${l}`)];
  for (const p of entry.problems) lines.push(`  problem${p.line ? ` (line ${p.line})` : ''}: ${p.message} [${p.rule}]`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { domain: { type: 'string' }, lesson: { type: 'string' } } });
  const [sub, file] = positionals;
  const info = requireRun().info;
  if (sub === 'show' && !file) {
    for (const entry of await apiGet<PolicyHostEntry[]>(info, '/api/policies')) process.stdout.write(entryText(entry));
    return 0;
  }
  if (sub !== 'set' || !file || positionals.length !== 2) {
    process.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`lab policy: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 1;
  }
  const entry = await apiPost<PolicyHostEntry>(info, '/api/policy', { domain: values.domain ?? 'example.jp', text, lesson: values.lesson ?? null });
  process.stdout.write(entryText(entry));
  return 0;
}
