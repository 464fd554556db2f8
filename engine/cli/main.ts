// Dispatches `smtp-lab <command> ...` to engine/cli/commands/<command>.ts: adding a command is adding a file.
import { sourceCatalog, type CliContext, type CommandCatalog } from './command-catalog.ts';
import { localeFromEnv, say, setCliLocale, takeLangFlag } from './cli-locale.ts';
import { text } from '../../common/i18n/text.ts';
import { errorSentence } from '../../common/i18n/text-error.ts';
import { parseArgsProblem } from './parse-args-problem.ts';

export { builtCatalog, sourceCatalog, type CliCommand, type CliContext, type CommandCatalog } from './command-catalog.ts';

export async function main(argv: string[], catalog: CommandCatalog = sourceCatalog()): Promise<number> {
  // `smtp-lab hosts | head`: a reader that went away is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // `--lang ja|en` is global: every command (and the learner's `smtp`, `lab`, `labdig`) accepts it.
  const lang = takeLangFlag(argv);
  setCliLocale(lang.locale ?? localeFromEnv());
  if (lang.error) {
    process.stderr.write(`smtp-lab: ${say(lang.error)}\n`);
    return 2;
  }
  const [name = 'help', ...rest] = lang.argv;
  const alias = name === '--help' || name === '-h' ? 'help' : name;
  const command = await catalog.load(alias);
  if (!command) {
    process.stderr.write(`smtp-lab: ${say(text('cliArgs.unknownCommand', { name }))}\n`);
    return 2;
  }
  try {
    const cli: CliContext = { catalog };
    return await command.run(rest, cli);
  } catch (error) {
    // An option util.parseArgs refused is a usage error (2), said in the learner's language like any other.
    const usage = parseArgsProblem(error);
    process.stderr.write(`smtp-lab ${alias}: ${say(usage ?? errorSentence(error))}\n`);
    return usage ? 2 : 1;
  }
}
