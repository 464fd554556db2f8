import type { CliContext } from '../command-catalog.ts';

export const summary = 'list the commands';

export async function run(_argv: string[], cli: CliContext): Promise<number> {
  const lines = ['usage: smtp-lab <command> [options]', '', 'commands:'];
  for (const name of cli.catalog.names()) lines.push(`  ${name.padEnd(10)} ${await cli.catalog.summary(name)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
