// smtp-lab tlsrpt show [--json] | tlsrpt send: the sending MTA's TLS-RPT reports (RFC 8460).
import { parseArgs } from 'node:util';
import { text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';
import type { TlsRptReportInfo } from '../../../common/sender.ts';
import { formatTlsRptReports } from '../format/tlsrpt-text.ts';
import { apiGet, apiPost, requireRun } from '../lab-client.ts';
import { jsonInLanguage } from '../json-in-language.ts';

export const summary = 'tlsrpt show [--json] | tlsrpt send: TLS-RPT reports of the sending MTA (RFC 8460)';

const usage = () => `usage: smtp-lab tlsrpt show [--json]   ${say(text('tlsrptUsage.show'))}\n       smtp-lab tlsrpt send [--json]   ${say(text('tlsrptUsage.send'))}\n`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'show' && sub !== 'send') {
    process.stderr.write(usage());
    return sub === undefined || sub === '--help' || sub === '-h' ? 0 : 2;
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
  const info = requireRun().info;
  const reports = sub === 'show' ? await apiGet<TlsRptReportInfo[]>(info, '/api/tlsrpt') : await apiPost<TlsRptReportInfo[]>(info, '/api/tlsrpt/flush', {});
  process.stdout.write(values.json ? `${JSON.stringify(jsonInLanguage(reports, cliLocale()))}\n` : formatTlsRptReports(reports));
  return 0;
}
