// `lab hosts`, `lab mailbox`: the names the learner uses in the lab terminal.
import { loadCommand } from '../main.ts';

export const summary = 'learner alias: lab hosts | lab mailbox';

const SUBCOMMANDS = ['hosts', 'mailbox'];

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || !SUBCOMMANDS.includes(name)) {
    process.stderr.write('usage: lab hosts [--json] | lab mailbox [--json]\n');
    return name ? 2 : 0;
  }
  const command = await loadCommand(name);
  return command!.run(rest);
}
