// `smtp-lab attack list [--json]`: the attacks the lab's attacker knows, with their parameters.
// Read from the attack modules themselves, so it works without a running lab. `attack NAME`,
// `attack off` and `attack status` switch the running lab's attacker (engine/cli/attack-switch.ts).
import { parseArgs } from 'node:util';
import { renderText, text, type Locale } from '../../../common/i18n/text.ts';
import type { AttackInfo } from '../../../common/attack.ts';
import { ATTACK_MODULES } from '../../attack/registry.ts';
import { attackSwitchUsage, runAttackSwitch } from '../attack-switch.ts';
import { cliLocale, say } from '../cli-locale.ts';

export const summary = 'attack list [--json] | attack NAME [--param NAME=VALUE] | attack off | attack status: the on-path attacker';

/** The attacks in the CLI's language; names, targets and parameter values stay as they are typed. */
export function formatAttackList(list: AttackInfo[], locale: Locale = cliLocale()): string {
  const lines: string[] = [];
  for (const info of list) {
    lines.push(`${info.name}  (${info.target})  ${info.title[locale]}`);
    lines.push(`  ${info.description[locale]}`);
    for (const param of info.params) {
      lines.push(`  --param ${param.name}=${param.values.map((v, i) => (i === 0 ? `[${v}]` : v)).join('|')}`);
      lines.push(`      ${param.description[locale]}`);
    }
    lines.push(`  ${renderText(locale, text('attackListCli.stoppedBy', { defence: info.stoppedBy[locale] }))}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export async function run(argv: string[]): Promise<number> {
  if (argv[0] !== undefined && argv[0] !== 'list' && !argv[0].startsWith('-')) return runAttackSwitch(argv);
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const [sub = 'list', ...rest] = positionals;
  if (sub !== 'list' || rest.length > 0) {
    process.stderr.write(`${say(text('labUsage.unknownAttackSub', { name: [sub, ...rest].join(' ') }))}\n${attackSwitchUsage()}`);
    return 2;
  }
  const list = ATTACK_MODULES.map((m) => m.info);
  process.stdout.write(values.json ? `${JSON.stringify(list)}\n` : formatAttackList(list));
  return 0;
}
