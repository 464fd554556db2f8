import { en, type EngineKey } from '../../../common/i18n/en.ts';
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import type { CliContext } from '../command-catalog.ts';

export const summary = 'list the commands';

/** A command's line in the CLI's language when the catalogue has it, else the summary its file exports. */
function summaryLine(name: string, fallback: string): string {
  const key = `cliSummary.${name}`;
  return Object.hasOwn(en, key) ? say(text(key as EngineKey)) : fallback;
}

export async function run(_argv: string[], cli: CliContext): Promise<number> {
  const lines = [say(text('cliHelp.usage')), '', say(text('cliHelp.commands'))];
  for (const name of cli.catalog.names()) lines.push(`  ${name.padEnd(10)} ${summaryLine(name, await cli.catalog.summary(name))}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
