// Dispatches `smtp-lab <command> ...` to engine/cli/commands/<command>.ts: adding a command is adding a file.
import { sourceCatalog, type CliContext, type CommandCatalog } from './command-catalog.ts';
import { localeFromEnv, setCliLocale, takeLangFlag } from './cli-locale.ts';

export { builtCatalog, sourceCatalog, type CliCommand, type CliContext, type CommandCatalog } from './command-catalog.ts';

export async function main(argv: string[], catalog: CommandCatalog = sourceCatalog()): Promise<number> {
  // `smtp-lab hosts | head`: a reader that went away is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // `--lang ja|en` is global: every command (and the learner's `smtp`, `lab`, `labdig`) accepts it.
  const lang = takeLangFlag(argv);
  if (lang.error) {
    process.stderr.write(`smtp-lab: ${lang.error}\n`);
    return 2;
  }
  setCliLocale(lang.locale ?? localeFromEnv());
  const [name = 'help', ...rest] = lang.argv;
  const alias = name === '--help' || name === '-h' ? 'help' : name;
  const command = await catalog.load(alias);
  if (!command) {
    process.stderr.write(`smtp-lab: unknown command "${name}". Try: smtp-lab help\n`);
    return 2;
  }
  try {
    const cli: CliContext = { catalog };
    return await command.run(rest, cli);
  } catch (error) {
    process.stderr.write(`smtp-lab ${alias}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
