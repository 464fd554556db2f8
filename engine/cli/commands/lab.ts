// `lab hosts`, `lab mailbox`, `lab mailq`, `lab send`, `lab tlsrpt`, `lab attack`: the names the learner uses in the lab terminal.
import { ATTACK_SWITCH_USAGE } from '../attack-switch.ts';
import { COURSE_USAGE, runCourseCommand } from '../course-commands.ts';
import type { CliContext } from '../command-catalog.ts';

export const summary = 'learner alias: lab hosts | mailbox | mailq | send | tlsrpt | attack | postconf | checker | dns | policy | receiver | dkim | isp | list | reset | solve';

const SUBCOMMANDS = ['hosts', 'mailbox', 'mailq', 'send', 'tlsrpt', 'attack', 'postconf', 'checker', 'dns', 'policy', 'receiver', 'dkim', 'isp'];
/** The guided labs (engine/cli/course-commands.ts). */
const COURSE = ['list', 'reset', 'solve'] as const;
const USAGE = `usage: lab hosts [--json]    lab hosts with their loopback ports
       lab mailbox [--json]  messages that arrived
       lab mailq [--json]    the sending MTA's queue (Postfix's mailq)
       lab send --from A --to B [--policy P] ...   one delivery by mail.sender.example (lab send --help)
       lab tlsrpt show|send  TLS-RPT reports of the sender
       lab postconf [-n|-d] [PARAM ...] | lab postconf -e 'name = value' ...   main.cf of the lab's MTAs
       lab checker DOMAIN [--json]   mail test of a lab domain, as internet.nl's
       lab dns add|replace|delete NAME TYPE [VALUE] | lab dns mode ZONE MODE   the zone editor
       lab policy set FILE [--domain D] | lab policy show   the MTA-STS policy host
       lab receiver [key current|next | cert current|next]   mx.example.jp's key (DANE rollover)
       lab dkim [record current|next | use current|next]   sender.example's DKIM keys (record to publish, rollover)
       lab isp [op25b on|off]   the terminal's ISP blocks outbound port 25 (OP25B)
${COURSE_USAGE}${ATTACK_SWITCH_USAGE}`;

export async function run(argv: string[], cli: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const course = COURSE.find((c) => c === name);
  if (course) return runCourseCommand(course, rest);
  if (!SUBCOMMANDS.includes(name)) {
    process.stderr.write(`lab: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  const command = await cli.catalog.load(name);
  return command!.run(rest, cli);
}
