import { parseArgs } from 'node:util';
import type { LabHostTable } from '../../../common/lab.ts';
import { apiGet, requireRun } from '../lab-client.ts';
import { formatHostTable } from '../format/host-table-text.ts';

export const summary = 'lab hosts with their lab address and the loopback port behind each lab port [--json]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const { info } = requireRun();
  // The lab's current table (the attacker's impostor gets its port while it runs); the run file's copy if the lab does not answer.
  const hosts = await apiGet<LabHostTable>(info, '/api/hosts').catch(() => info.hosts);
  process.stdout.write(values.json ? `${JSON.stringify(hosts)}\n` : formatHostTable(hosts));
  return 0;
}
