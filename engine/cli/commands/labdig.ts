// labdig NAME [TYPE] [--server PORT] [--no-validate] [--json]: dig for learners, with the DNSSEC verdict.
import { text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';
import { parseArgs } from 'node:util';
import { answerInLanguage, openCliDns, parsePort } from '../cli-dns.ts';
import { digText, resultJson } from '../../dns/lab/dig-format.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { labDnsQuery, runHasDns } from '../lab-dns-client.ts';
import { findRun } from '../run-files.ts';

export const summary = 'labdig NAME [TYPE]: look a name up in the lab DNS; prints the answer, its RRSIGs and the DNSSEC status with the reason';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { server: { type: 'string' }, 'no-validate': { type: 'boolean' }, json: { type: 'boolean' } } });
  const [name, type = 'A'] = positionals;
  if (!name || positionals.length > 2) {
    process.stderr.write(`usage: labdig NAME [TYPE] [--server PORT] [--no-validate] [--json]\n   ${say(text('cliUsage.eg', { example: 'labdig _25._tcp.mx.example.jp TLSA' }))}\n`);
    return 2;
  }
  const validate = !values['no-validate'];
  // With a running lab and no --server, ask the lab's resolver: the lookup then shows in its trace.
  const run = values.server === undefined && !process.env.SMTP_LAB_DNS_PORT ? findRun(defaultDataDir()) : null;
  if (run && runHasDns(run.info)) {
    const reply = await labDnsQuery(run.info, name, type, validate, cliLocale());
    process.stdout.write(values.json ? `${JSON.stringify(answerInLanguage(reply.answer))}\n` : reply.text);
    return reply.answer.status === 'bogus' ? 1 : 0;
  }
  const dns = await openCliDns({ server: parsePort(values.server), validate });
  try {
    const result = await dns.resolver.lookup(name, type);
    process.stdout.write(values.json ? `${JSON.stringify(answerInLanguage(resultJson(result)))}\n` : digText(result, dns.source, cliLocale()));
    return result.status === 'bogus' ? 1 : 0;
  } finally {
    await dns.close();
  }
}
