// `lab hosts`, `lab mailbox`, `lab send`, `lab tlsrpt`, `lab attack`: the names the learner uses in the lab terminal.
import { ATTACK_SWITCH_USAGE } from '../attack-switch.ts';
import { loadCommand } from '../main.ts';

export const summary = 'learner alias: lab hosts | lab mailbox | lab send | lab tlsrpt | lab attack';

const SUBCOMMANDS = ['hosts', 'mailbox', 'send', 'tlsrpt', 'attack'];
const USAGE = `usage: lab hosts [--json]    lab hosts with their loopback ports
       lab mailbox [--json]  messages that arrived
       lab send --from A --to B [--policy P] ...   one delivery by mail.sender.example (lab send --help)
       lab tlsrpt show|send  TLS-RPT reports of the sender
${ATTACK_SWITCH_USAGE}`;

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
