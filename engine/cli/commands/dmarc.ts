// smtp-lab dmarc show [--json] | dmarc send: mx.example.jp's DMARC aggregate reports (RFC 7489 §7.2).
import { parseArgs } from 'node:util';
import { text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';
import type { DmarcReportInfo, DmarcState } from '../../../common/dmarc.ts';
import { formatDmarcReports, formatDmarcState } from '../format/dmarc-text.ts';
import { apiGet, apiPost, requireRun } from '../lab-client.ts';
import { jsonInLanguage } from '../json-in-language.ts';

export const summary = 'dmarc show [--json] | dmarc send: DMARC aggregate reports of the receiver mx.example.jp (RFC 7489 §7.2)';

const usage = () =>
  `usage: smtp-lab dmarc show [--json]   ${say(text('dmarcUsage.show'))}\n` +
  `       smtp-lab dmarc send [--json]   ${say(text('dmarcUsage.send'))}\n`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'show' && sub !== 'send') {
    process.stderr.write(usage());
    return sub === undefined || sub === '--help' || sub === '-h' ? 0 : 2;
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
  const info = requireRun().info;
  if (sub === 'show') {
    const state = await apiGet<DmarcState>(info, '/api/dmarc');
    process.stdout.write(values.json ? `${JSON.stringify(jsonInLanguage(state, cliLocale()))}\n` : formatDmarcState(state));
    return 0;
  }
  const reports = await apiPost<DmarcReportInfo[]>(info, '/api/dmarc/flush', {});
  process.stdout.write(values.json ? `${JSON.stringify(jsonInLanguage(reports, cliLocale()))}\n` : formatDmarcReports(reports, 'sent'));
  return reports.every((r) => r.deliveries.every((d) => d.ok)) ? 0 : 1;
}
