// smtp-lab matrix [--json | --markdown]: every attack against every sender configuration, each
// cell a real run in a lab of its own (docs/matrix.md). smtp-lab matrix show RUN: that run's trace.
import { parseArgs } from 'node:util';
import { cliLocale } from '../cli-locale.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { matrixMarkdown, matrixText } from '../../matrix/matrix-text.ts';
import { DEFAULT_CONCURRENCY, runMatrix } from '../../matrix/run-matrix.ts';
import { RunStore } from '../../matrix/run-store.ts';
import { ladderText } from '../../scenario/ladder-text.ts';

export const summary = 'matrix [--json | --markdown] | matrix show RUN [--json]: every attack × defence from real runs, and one run\'s trace';

const USAGE = 'usage: smtp-lab matrix [--json | --markdown] [--concurrency N]\n       smtp-lab matrix show RUN [--json]\n';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, concurrency: { type: 'string' } },
  });
  if (positionals[0] === 'show') return show(positionals[1], values.json === true);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (positionals.length > 0 || (values.json && values.markdown) || !Number.isInteger(concurrency) || concurrency < 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const report = await runMatrix({ dataDir: defaultDataDir(), concurrency, locale: cliLocale() });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : values.markdown ? matrixMarkdown(report) : matrixText(report));
  return 0;
}

async function show(id: string | undefined, json: boolean): Promise<number> {
  if (!id) {
    process.stderr.write(USAGE);
    return 2;
  }
  const stored = await new RunStore(defaultDataDir()).load(id);
  if (!stored) {
    process.stderr.write(`smtp-lab matrix show: no run "${id}" (only the newest matrix runs are kept)\n`);
    return 1;
  }
  if (json) process.stdout.write(`${JSON.stringify(stored)}\n`);
  else process.stdout.write(`run ${stored.id}: ${stored.title.en}\n\n${ladderText(stored.trace)}\n\n${stored.outcome ? `outcome: ${stored.outcome.reason}` : `error: ${stored.error}`}\n`);
  return 0;
}
