// What one change of a scenario can sensibly be, for a learner who picks rather than types:
// another sender policy, one of the sender's switches flipped, the attacker off (or on) or one of
// its parameters, a zone's DNSSEC mode, a main.cf line taken away. Each is written as toggle.ts
// reads it; a main.cf line to add, or any other KEY=VALUE, is typed.
import { parse as parseYaml } from 'yaml';
import type { AttackInfo } from '../../common/attack.ts';
import { DNS_ZONE_MODES } from '../../common/dns.ts';
import type { SenderSwitch, ToggleChoice } from '../../common/scenario-choices.ts';
import { SENDER_POLICIES } from '../../common/sender.ts';
import { DEFAULT_MODES } from '../dns/zone/lab-zones.ts';
import type { Scenario } from './scenario-schema.ts';

/** The recipient's zone and its parent: where a DNSSEC mode changes what the sender finds. */
const ZONES = ['example.jp', 'jp'];

/**
 * The attacker's `link` parameter is left out: in a scenario only the sending MTA talks to
 * mx.example.jp, so any link but the sender's is the attacker off by another name.
 */
const PARAMS_LEFT_OUT = new Set(['link']);

/** A value as toggle.ts reads it back: quoted when YAML would read it as other than this string. */
function yamlValue(value: string): string {
  let read: unknown;
  try {
    read = parseYaml(value);
  } catch {
    read = undefined;
  }
  return read === value ? value : JSON.stringify(value);
}

function senderSwitches(sender: Scenario['sender']): { switch: SenderSwitch; on: boolean }[] {
  const policy = sender.policy;
  const switches: { switch: SenderSwitch; on: boolean }[] = [];
  // DANE validates DNSSEC whatever this says (common/sender.ts SendRequest.dnssec).
  if (policy !== 'dane' && policy !== 'dane+mta-sts') switches.push({ switch: 'dnssec', on: !(sender.dnssec ?? false) });
  switches.push({ switch: 'requireTls', on: !(sender.requireTls ?? false) });
  if (policy === 'fallback' || sender.versionFallback) switches.push({ switch: 'fallbackScsv', on: !(sender.fallbackScsv ?? true) });
  // A policy cached at an earlier contact is what MTA-STS's trust on first use rests on (RFC 8461 §3.3).
  if (policy === 'mta-sts' || policy === 'dane+mta-sts') switches.push({ switch: 'deliveredBefore', on: !(sender.deliveredBefore ?? false) });
  return switches;
}

function attackChoices(scenario: Scenario, attacks: readonly AttackInfo[]): ToggleChoice[] {
  const current = scenario.attack;
  if (!current) return attacks.map((a) => ({ kind: 'attack-on', toggle: `attack=${a.name}`, attack: a.name, title: a.title }));
  const info = attacks.find((a) => a.name === current.name);
  const choices: ToggleChoice[] = [{ kind: 'attack-off', toggle: 'attack=off', attack: current.name, title: info?.title ?? { en: current.name, ja: current.name } }];
  for (const param of info?.params ?? []) {
    if (PARAMS_LEFT_OUT.has(param.name)) continue;
    const now = current.params?.[param.name] ?? param.values[0];
    for (const value of param.values.filter((v) => v !== now)) {
      choices.push({ kind: 'attack-param', toggle: `attack.params.${param.name}=${yamlValue(value)}`, param: param.name, value, description: param.description });
    }
  }
  return choices;
}

export function toggleChoices(scenario: Scenario, attacks: readonly AttackInfo[]): ToggleChoice[] {
  const choices: ToggleChoice[] = [];
  for (const policy of SENDER_POLICIES.filter((p) => p !== scenario.sender.policy)) choices.push({ kind: 'policy', toggle: `sender.policy=${policy}`, policy });
  for (const s of senderSwitches(scenario.sender)) choices.push({ kind: 'switch', toggle: `sender.${s.switch}=${s.on}`, ...s });
  choices.push(...attackChoices(scenario, attacks));
  const modes = scenario.dns?.modes ?? {};
  const zones = [...new Set([...ZONES, ...Object.keys(modes)])];
  for (const zone of zones) {
    const now = modes[zone] ?? DEFAULT_MODES[zone];
    for (const mode of DNS_ZONE_MODES.filter((m) => m !== now)) choices.push({ kind: 'zone-mode', toggle: `dns.modes.${zone}=${mode}`, zone, mode });
  }
  for (const line of scenario['main.cf'] ?? []) choices.push({ kind: 'main-cf-remove', toggle: `main.cf-=${line}`, line });
  return choices;
}
