// Where `smtp-lab <command>` finds its commands: one file per command in engine/cli/commands/ (adding a
// command is adding a file). From the sources, the folder is read and a command is imported when it
// runs; from the build (bin/build-engine.js), each command is its own bundle and the names and
// summaries are in commands.json, so `smtp-lab help` loads no command at all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CliContext {
  catalog: CommandCatalog;
}

export interface CliCommand {
  /** One line for `smtp-lab help`. */
  summary: string;
  run(argv: string[], cli: CliContext): Promise<number>;
}

export interface CommandCatalog {
  /** Every command's name, sorted. */
  names(): string[];
  /** The one line `smtp-lab help` prints for it. */
  summary(name: string): Promise<string>;
  load(name: string): Promise<CliCommand | null>;
}

export const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

/** The commands folder of the sources. */
// Two folders up from here, as from the build's dist/cli/, is the repository root.
export const SOURCE_COMMANDS_DIR = fileURLToPath(new URL('../../engine/cli/commands/', import.meta.url));

/** The build's list of commands: name -> summary. */
export const BUILT_COMMANDS_FILE = 'commands.json';
/** The build's bundle of one command. */
export const builtCommandFile = (name: string) => `command-${name}.js`;

/** Names of the commands in a folder of command sources. */
export function commandFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -3))
    .filter((name) => COMMAND_NAME.test(name))
    .sort();
}

export function sourceCatalog(dir: string = SOURCE_COMMANDS_DIR): CommandCatalog {
  const load = async (name: string) => {
    const file = join(dir, `${name}.ts`);
    if (!COMMAND_NAME.test(name) || !existsSync(file)) return null;
    return (await import(pathToFileURL(file).href)) as CliCommand;
  };
  return {
    names: () => commandFileNames(dir),
    summary: async (name) => (await load(name))?.summary ?? '',
    load,
  };
}

export function builtCatalog(dir: string): CommandCatalog {
  const summaries = JSON.parse(readFileSync(join(dir, BUILT_COMMANDS_FILE), 'utf8')) as Record<string, string>;
  const known = (name: string) => COMMAND_NAME.test(name) && Object.hasOwn(summaries, name);
  return {
    names: () => Object.keys(summaries).sort(),
    summary: async (name) => (known(name) ? summaries[name] : ''),
    load: async (name) => (known(name) ? ((await import(pathToFileURL(join(dir, builtCommandFile(name))).href)) as CliCommand) : null),
  };
}
