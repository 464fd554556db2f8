// `lab hosts`, `lab mailbox`: the names the learner uses in the lab terminal.
import { loadCommand } from '../main.ts';

export const summary = 'learner alias: lab hosts | lab mailbox';

const SUBCOMMANDS = ['hosts', 'mailbox'];
const USAGE = 'usage: lab hosts [--json]    lab hosts with their loopback ports\n       lab mailbox [--json]  messages that arrived\n';

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!SUBCOMMANDS.includes(name)) {
    process.stderr.write(`lab: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  const command = await loadCommand(name);
  return command!.run(rest);
}
