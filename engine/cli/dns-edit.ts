// `lab dns add|replace|delete NAME TYPE [VALUE...] [--ttl N]` and `lab dns mode ZONE MODE`: the
// running lab's zone editor from the terminal, the same editor as the UI's DNS tab.
import { parseArgs } from 'node:util';
import { text } from '../../common/i18n/text.ts';
import { say } from './cli-locale.ts';
import type { DnsEditResult } from '../../common/dns.ts';
import { apiPost, requireRun } from './lab-client.ts';

type DnsEditDone = Extract<DnsEditResult, { ok: true }>;

export const dnsEditUsage = () => `usage: lab dns add|replace|delete NAME TYPE [VALUE ...] [--ttl SECONDS]
       lab dns mode ZONE MODE   (signed, unsigned, bad-signature, expired-rrsig, missing-ds, wrong-ds)
  ${say(text('cliUsage.eg', { example: 'lab dns add _mta-sts.example.jp TXT "v=STSv1; id=20270101"' }))}
       lab dns add _25._tcp.mx.example.jp TLSA 3 1 1 <sha256 hex>
`;

export async function runDnsEdit(op: 'add' | 'replace' | 'delete' | 'mode', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ttl: { type: 'string' } } });
  const info = requireRun().info;
  if (op === 'mode') {
    if (positionals.length !== 2) return usage();
    const reply = await apiPost<DnsEditDone>(info, '/api/dns/mode', { zone: positionals[0], mode: positionals[1] });
    process.stdout.write(`${say(text('dnsEditCli.mode', { zone: reply.zone, before: reply.mode?.before ?? '', mode: reply.mode?.after ?? positionals[1] }))}\n`);
    return 0;
  }
  const [name, type, ...value] = positionals;
  if (!name || !type || (op !== 'delete' && value.length === 0)) return usage();
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && !Number.isInteger(ttl)) return usage();
  const reply = await apiPost<DnsEditDone>(info, '/api/dns/edit', { op, name, type, ...(value.length ? { value: value.join(' ') } : {}), ...(ttl !== undefined ? { ttl } : {}) });
  const change = { zone: reply.zone, serial: reply.serial, name: reply.change?.name ?? name, type: reply.change?.type ?? type, record: reply.change?.record ?? '' };
  process.stdout.write(`${say(text(`dnsEditCli.${op}`, change))}\n`);
  return 0;
}

function usage(): number {
  process.stderr.write(dnsEditUsage());
  return 2;
}
