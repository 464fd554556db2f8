// `lab hosts`, `lab mailbox`, `lab mailq`, `lab send`, `lab tlsrpt`, `lab attack`: the names the learner uses in the lab terminal.
import type { EngineKey } from '../../../common/i18n/en.ts';
import { text } from '../../../common/i18n/text.ts';
import { attackSwitchUsage } from '../attack-switch.ts';
import { say } from '../cli-locale.ts';
import { courseUsage, runCourseCommand } from '../course-commands.ts';
import type { CliContext } from '../command-catalog.ts';

export const summary = 'learner alias: lab hosts | mailbox | mailq | send | tlsrpt | dmarc | attack | postconf | checker | dns | policy | receiver | dkim | arc | isp | list | reset | solve';

const SUBCOMMANDS = ['hosts', 'mailbox', 'mailq', 'send', 'tlsrpt', 'dmarc', 'attack', 'postconf', 'checker', 'dns', 'policy', 'receiver', 'dkim', 'arc', 'isp'];
/** The guided labs (engine/cli/course-commands.ts). */
const COURSE = ['list', 'reset', 'solve'] as const;
/** Each learner command: its syntax, then what it does in the CLI's language. */
const USAGE_LINES: [string, EngineKey][] = [
  ['lab hosts [--json]   ', 'labUsage.hosts'],
  ['lab mailbox [--json] ', 'labUsage.mailbox'],
  ['lab mailq [--json]   ', 'labUsage.mailq'],
  ['lab send --from A --to B [--policy P] ...  ', 'labUsage.send'],
  ['lab tlsrpt show|send ', 'labUsage.tlsrpt'],
  ['lab dmarc show|send  ', 'labUsage.dmarc'],
  ["lab postconf [-n|-d] [PARAM ...] | lab postconf -e 'name = value' ...  ", 'labUsage.postconf'],
  ['lab checker DOMAIN [--json]  ', 'labUsage.checker'],
  ['lab dns add|replace|delete NAME TYPE [VALUE] | lab dns mode ZONE MODE  ', 'labUsage.dns'],
  ['lab policy set FILE [--domain D] | lab policy show  ', 'labUsage.policy'],
  ['lab receiver [key current|next | cert current|next]  ', 'labUsage.receiver'],
  ['lab dkim [record current|next | use current|next]  ', 'labUsage.dkim'],
  ['lab arc [trust|untrust DOMAIN ...]  ', 'labUsage.arc'],
  ['lab isp [op25b on|off]  ', 'labUsage.isp'],
];

const usage = () =>
  `${USAGE_LINES.map(([syntax, key], i) => `${i === 0 ? 'usage: ' : '       '}${syntax} ${say(text(key))}`).join('\n')}\n${courseUsage()}${attackSwitchUsage()}`;

export async function run(argv: string[], cli: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  const course = COURSE.find((c) => c === name);
  if (course) return runCourseCommand(course, rest);
  if (!SUBCOMMANDS.includes(name)) {
    process.stderr.write(`${say(text('labUsage.unknown', { name }))}\n${usage()}`);
    return 2;
  }
  const command = await cli.catalog.load(name);
  return command!.run(rest, cli);
}
