// smtp-lab checker DOMAIN [--json]: internet.nl's mail test run by the lab's checker node against
// the running lab; exit 0 only when every item passes.
import { parseArgs } from 'node:util';
import type { CheckerReport } from '../../../common/checker.ts';
import { CHECKER_PATH } from '../../api/checker-api.ts';
import { formatCheckerReport } from '../format/checker-text.ts';
import { apiPost, requireRun } from '../lab-client.ts';
import { text } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import { cliLocale, say, sayIndented } from '../cli-locale.ts';
import { parseArgsProblem } from '../parse-args-problem.ts';
import { jsonInLanguage } from '../json-in-language.ts';

export const summary = 'checker DOMAIN [--json]: mail test of a lab domain (STARTTLS, TLS versions, ciphers, certificate, DNSSEC, DANE, MTA-STS, TLS-RPT, SPF, DKIM, DMARC; ARC and BIMI as information)';

const usage = () => `usage: smtp-lab checker DOMAIN [--json]
${sayIndented(text('checkerUsage.body'))}
  --json  {"domain", "score", "items": [{"id", "pass", "detail", "lab", "evidence", "notes", "fix"}], "mx", ...}
`;

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`checker: ${say(parseArgsProblem(error) ?? errorSentence(error))}\n${usage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(usage());
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(usage());
    return 2;
  }
  const report = await apiPost<CheckerReport>(requireRun().info, CHECKER_PATH, { domain: positionals[0] });
  process.stdout.write(values.json ? `${JSON.stringify(jsonInLanguage(report, cliLocale()))}\n` : formatCheckerReport(report));
  return report.items.every((item) => item.pass) ? 0 : 1;
}
