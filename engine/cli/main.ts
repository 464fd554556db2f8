// Dispatches `smtp-lab <command> ...` to engine/cli/commands/<command>.ts: adding a command is adding a file.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localeFromEnv, setCliLocale, takeLangFlag } from './cli-locale.ts';

export interface CliCommand {
  /** One line for `smtp-lab help`. */
  summary: string;
  run(argv: string[]): Promise<number>;
}

const commandsDir = fileURLToPath(new URL('./commands/', import.meta.url));
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

/** Names of every command, from the files in the commands folder. */
export function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -3))
    .filter((name) => COMMAND_NAME.test(name))
    .sort();
}

export async function loadCommand(name: string): Promise<CliCommand | null> {
  if (!COMMAND_NAME.test(name) || !existsSync(`${commandsDir}${name}.ts`)) return null;
  return (await import(`./commands/${name}.ts`)) as CliCommand;
}

export async function main(argv: string[]): Promise<number> {
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
  const command = await loadCommand(alias);
  if (!command) {
    process.stderr.write(`smtp-lab: unknown command "${name}". Try: smtp-lab help\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`smtp-lab ${alias}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
