// smtp-lab run FILE [--json]: one scenario headless (docs/scenarios.md); exit 0 only when its outcome matches expect.
import { parseArgs } from 'node:util';
import { reasonOf, text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { ladderText } from '../../scenario/ladder-text.ts';
import { loadScenario, runScenario, scenarioName, type ScenarioRunReport } from '../../scenario/run-scenario.ts';
import { problemLine } from '../../scenario/yaml-file.ts';
import { runCompare } from '../run-compare.ts';
import { jsonInLanguage } from '../json-in-language.ts';
import type { StartedLab } from '../../lab/start-lab.ts';
import { captureUsage, wantsCapture, writeCaptureFiles } from '../capture-files.ts';

export const summary = 'run FILE [--json] [--pcap FILE --keylog FILE] | run FILE --toggle KEY=VALUE --compare [--json]: a scenario (scenarios/*.yaml) headless: the trace as a ladder and the verdict against its expect';

const usage = () => `usage: smtp-lab run FILE.yaml [--json] [--pcap FILE] [--keylog FILE]\n       smtp-lab run FILE.yaml --toggle KEY=VALUE --compare [--json]\n${captureUsage()}`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, pcap: { type: 'string' }, keylog: { type: 'string' }, toggle: { type: 'string' }, compare: { type: 'boolean' } } });
  if (positionals.length !== 1) {
    process.stderr.write(usage());
    return 2;
  }
  const file = positionals[0];
  const loaded = await loadScenario(file);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.problems.map((p) => problemLine(p, cliLocale())).join('\n')}\n`);
    return 2;
  }
  if (values.compare || values.toggle !== undefined) {
    if (!values.compare || values.toggle === undefined) {
      process.stderr.write(usage());
      return 2;
    }
    return runCompare(loaded.value, values.toggle, values.json === true);
  }
  const files = { ...(values.pcap !== undefined ? { pcap: values.pcap } : {}), ...(values.keylog !== undefined ? { keylog: values.keylog } : {}) };
  const beforeClose = wantsCapture(files) ? (lab: StartedLab) => writeCaptureFiles(files, lab.capture.export()).forEach((line) => process.stderr.write(`smtp-lab run: ${line}\n`)) : undefined;
  const report = await runScenario(scenarioName(file), loaded.value, { dataDir: defaultDataDir(), ...(beforeClose ? { beforeClose } : {}) });
  process.stdout.write(values.json ? `${JSON.stringify(jsonInLanguage(report, cliLocale()))}\n` : reportText(loaded.value.title[cliLocale()], report));
  return report.matched ? 0 : 1;
}

function reportText(title: string, report: ScenarioRunReport): string {
  const lines = [say(text('runCli.scenario', { name: report.scenario, title })), '', ladderText(report.trace, cliLocale()), ''];
  if (report.error) lines.push(say(text('runCli.setupRefused', { error: report.errorText ?? report.error })));
  if (report.outcome) {
    const o = report.outcome;
    const tls = o.tls ? `${o.tls.version} ${o.tls.authenticated ?? 'unauthenticated'}` : 'none';
    lines.push(`outcome: delivered=${o.delivered} tls=${tls} attackerRead=${o.attackerRead} stoppedBy=${o.stoppedBy ?? '-'}${o.downgrade ? ` downgrade=${o.downgrade.offered.join('>')} then ${o.downgrade.then}` : ''}`, `  ${say(reasonOf(o))}`);
  }
  lines.push(say(text('runCli.expected', { expected: JSON.stringify(report.expected) })));
  for (const m of report.mismatches) lines.push(`  ${say(text('runCli.mismatch', { field: m.field, expected: JSON.stringify(m.expected), actual: JSON.stringify(m.actual) }))}`);
  lines.push(say(text(report.matched ? 'runCli.matched' : 'runCli.notMatched')), '');
  return lines.join('\n');
}
