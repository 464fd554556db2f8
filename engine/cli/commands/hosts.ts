import { parseArgs } from 'node:util';
import { requireRun } from '../lab-client.ts';
import { formatHostTable } from '../format/host-table-text.ts';

export const summary = 'lab hosts with their lab address and the loopback port behind each lab port [--json]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const { info } = requireRun();
  process.stdout.write(values.json ? `${JSON.stringify(info.hosts)}\n` : formatHostTable(info.hosts));
  return 0;
}
