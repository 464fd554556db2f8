// `lab attack NAME [--param NAME=VALUE ...]`, `lab attack off`, `lab attack status`: switches the
// running lab's attacker from the terminal (the listing is `smtp-lab attack list`).
import { linkText } from '../../common/i18n/node-names.ts';
import { text, type Text } from '../../common/i18n/text.ts';
import { say, sayLines } from './cli-locale.ts';
import { parseArgs } from 'node:util';
import { ATTACK_NAMES, type AttackStatus } from '../../common/attack.ts';
import { apiGet, apiPost, requireRun } from './lab-client.ts';
import { parseParamPairs } from './param-pairs.ts';

/** The usage of `lab attack`, its explanations in the CLI's language. */
export function attackSwitchUsage(): string {
  return `${[
    `usage: lab attack NAME [--param NAME=VALUE ...]   ${say(text('labUsage.attackOn', { names: ATTACK_NAMES.join(', ') }))}`,
    `       lab attack off                               ${say(text('labUsage.attackOff'))}`,
    `       lab attack status [--json]                   ${say(text('labUsage.attackStatus'))}`,
    `       lab attack list [--json]                     ${say(text('labUsage.attackList'))}`,
  ].join('\n')}\n`;
}

function statusText(status: AttackStatus): string {
  const k = status.knowledge;
  const active = status.active;
  const params = active ? Object.entries(active.params).map(([n, v]) => `${n}=${v}`).join(', ') : '';
  const on = active ? text(params ? 'attackCli.onParams' : 'attackCli.on', { attack: active.name, params, links: active.links.map(linkText) }) : text('attackCli.off');
  const lines: Text[] = [on, text('attackCli.bytes', { plain: k.plaintextBytes, encrypted: k.encryptedBytes })];
  for (const e of k.envelopes) lines.push(text('attackCli.envelope', { from: e.mailFrom, to: e.rcptTo.map((r) => `<${r}>`).join(' ') }));
  for (const m of k.messages) lines.push(text('attackCli.message', { subject: m.subject, chars: m.body.length }));
  for (const c of k.credentials) lines.push(text('attackCli.credentials', { mechanism: c.mechanism, user: c.user, password: c.password }));
  return `${sayLines(lines)}\n`;
}

export async function runAttackSwitch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || !['status', 'off', ...ATTACK_NAMES].includes(name)) {
    process.stderr.write(`${name ? `${say(text('labUsage.unknownAttack', { name }))}\n` : ''}${attackSwitchUsage()}`);
    return 2;
  }
  const info = requireRun().info;
  if (name === 'status') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    const { status } = await apiGet<{ status: AttackStatus }>(info, '/api/attack');
    process.stdout.write(values.json ? `${JSON.stringify(status)}\n` : statusText(status));
    return 0;
  }
  if (name === 'off') {
    process.stdout.write(statusText(await apiPost<AttackStatus>(info, '/api/attack', { name: 'off' })));
    return 0;
  }
  const { values } = parseArgs({ args: rest, options: { param: { type: 'string', multiple: true } } });
  const params = parseParamPairs(values.param ?? []);
  if (typeof params === 'string') {
    process.stderr.write(`${params}\n`);
    return 2;
  }
  process.stdout.write(statusText(await apiPost<AttackStatus>(info, '/api/attack', { name, params })));
  return 0;
}
