// smtp-lab dns anchor | serve [--port N] [--json] | query NAME TYPE [--json] [--server PORT] [--no-validate]
import { text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';
import { displayWidth } from '../format/display-width.ts';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { labAnchor } from '../../dns/lab/anchor.ts';
import { answerInLanguage, openCliDns, parsePort } from '../cli-dns.ts';
import { digText, resultJson } from '../../dns/lab/dig-format.ts';
import { startLabDns } from '../../dns/lab/lab-dns.ts';
import { loadZoneKeys } from '../../dns/zone/key-store.ts';
import { dnsEditUsage, runDnsEdit } from '../dns-edit.ts';

export const summary = 'the lab DNS with DNSSEC: anchor (trust anchor for delv -a), serve [--port N] [--json], query NAME TYPE [--json], add|replace|delete|mode (the running lab\'s zone editor)';

const USAGE = `usage: smtp-lab dns anchor [--ds | --dnskey]
       smtp-lab dns serve [--port N] [--json]
       smtp-lab dns query NAME TYPE [--json] [--server PORT] [--no-validate]
`;

async function anchor(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ds: { type: 'boolean' }, dnskey: { type: 'boolean' } } });
  const root = labAnchor(loadZoneKeys(defaultDataDir(), '.').ksk.dnskey);
  process.stdout.write(values.ds ? `${root.dsText}\n` : values.dnskey ? `${root.dnskeyText}\n` : root.bind);
  return 0;
}

async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, json: { type: 'boolean' } } });
  const dns = await startLabDns({ dataDir: defaultDataDir(), port: parsePort(values.port) ?? 0 });
  if (values.json) process.stdout.write(`${JSON.stringify({ port: dns.port, address: dns.address })}\n`);
  else {
    const label = say(text('dnsServeCli.try'));
    process.stdout.write(`${say(text('dnsServeCli.listening', { port: dns.port, zones: dns.zones.origins().join(' ') }))}\n`);
    process.stdout.write(`${label}dig @127.0.0.1 -p ${dns.port} +dnssec example.jp MX\n`);
    process.stdout.write(`${' '.repeat(displayWidth(label))}smtp-lab dns anchor > anchor.conf; delv @127.0.0.1 -p ${dns.port} -a anchor.conf +root=. example.jp MX\n`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await dns.close();
  return 0;
}

async function query(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, server: { type: 'string' }, 'no-validate': { type: 'boolean' } } });
  const [name, type = 'A'] = positionals;
  if (!name || positionals.length > 2) {
    process.stderr.write(USAGE);
    return 2;
  }
  const dns = await openCliDns({ server: parsePort(values.server), validate: !values['no-validate'] });
  try {
    const result = await dns.resolver.lookup(name, type);
    process.stdout.write(values.json ? `${JSON.stringify(answerInLanguage(resultJson(result)))}\n` : digText(result, dns.source, cliLocale()));
    return result.status === 'bogus' ? 1 : 0;
  } finally {
    await dns.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'anchor') return anchor(rest);
  if (sub === 'serve') return serve(rest);
  if (sub === 'query') return query(rest);
  if (sub === 'add' || sub === 'replace' || sub === 'delete' || sub === 'mode') return runDnsEdit(sub, rest);
  process.stderr.write(`${USAGE}${dnsEditUsage()}`);
  return 2;
}
