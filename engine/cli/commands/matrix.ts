// smtp-lab matrix [--json | --markdown]: every attack against every sender configuration, each
// cell a real run in a lab of its own (docs/matrix.md). smtp-lab matrix show RUN: that run's trace,
// or its capture (--pcap, --keylog) as `smtp-lab run` writes it.
import { parseArgs } from 'node:util';
import { reasonOf, text } from '../../../common/i18n/text.ts';
import { cliLocale, say } from '../cli-locale.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { matrixMarkdown, matrixText } from '../format/matrix-text.ts';
import { DEFAULT_CONCURRENCY, runMatrix } from '../../matrix/run-matrix.ts';
import { RunStore } from '../../matrix/run-store.ts';
import { ladderText } from '../../scenario/ladder-text.ts';
import { jsonInLanguage } from '../json-in-language.ts';
import { captureUsage, wantsCapture, writeCaptureFiles, type CaptureFiles } from '../capture-files.ts';
import { storedRunExport } from '../../export/stored-run-export.ts';

export const summary = 'matrix [--json | --markdown] | matrix show RUN [--json] [--pcap FILE --keylog FILE]: every attack × defence from real runs, and one run\'s trace';

const usage = () => `usage: smtp-lab matrix [--json | --markdown] [--concurrency N]\n       smtp-lab matrix show RUN [--json] [--pcap FILE] [--keylog FILE]\n${captureUsage()}`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, concurrency: { type: 'string' }, pcap: { type: 'string' }, keylog: { type: 'string' } },
  });
  const files = { ...(values.pcap !== undefined ? { pcap: values.pcap } : {}), ...(values.keylog !== undefined ? { keylog: values.keylog } : {}) };
  if (positionals[0] === 'show' && positionals.length <= 2) return show(positionals[1], values.json === true, files);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (positionals.length > 0 || (values.json && values.markdown) || wantsCapture(files) || !Number.isInteger(concurrency) || concurrency < 1) {
    process.stderr.write(usage());
    return 2;
  }
  const locale = cliLocale();
  const report = await runMatrix({ dataDir: defaultDataDir(), concurrency, locale });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : values.markdown ? matrixMarkdown(report, locale) : matrixText(report, locale));
  return 0;
}

async function show(id: string | undefined, json: boolean, files: CaptureFiles): Promise<number> {
  if (!id) {
    process.stderr.write(usage());
    return 2;
  }
  const stored = await new RunStore(defaultDataDir()).load(id);
  if (!stored) {
    process.stderr.write(`smtp-lab matrix show: ${say(text('matrixCli.noRun', { id }))}\n`);
    return 1;
  }
  const locale = cliLocale();
  if (wantsCapture(files)) writeCaptureFiles(files, storedRunExport(stored)).forEach((line) => process.stderr.write(`smtp-lab matrix show: ${line}\n`));
  if (json) {
    process.stdout.write(`${JSON.stringify(jsonInLanguage(stored, locale))}\n`);
    return 0;
  }
  const end = stored.outcome ? text('matrixCli.outcome', { reason: reasonOf(stored.outcome) }) : text('labSolveCli.error', { error: stored.error ?? '' });
  process.stdout.write(`${say(text('matrixCli.run', { id: stored.id, title: stored.title[locale] }))}\n\n${ladderText(stored.trace, locale)}\n\n${say(end)}\n`);
  return 0;
}

