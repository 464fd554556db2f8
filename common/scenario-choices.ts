// The scenarios two runs can start from (the Matrix tab's "Compare two runs"), each with the one
// changes that make sense for it, every one written as `smtp-lab run FILE --toggle` takes it
// (docs/scenarios.md "Toggles"), so what the app runs is what the CLI would.
import type { AttackName, LocalizedText } from './attack.ts';
import type { DnsZoneMode } from './dns.ts';
import type { SenderPolicyName } from './sender.ts';

/** A scenario file's name without .yaml: scenarios/<name>.yaml. */
export const isScenarioName = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(v);

/** The sender's switches a scenario sets (engine/scenario/scenario-schema.ts sender). */
export type SenderSwitch = 'dnssec' | 'requireTls' | 'fallbackScsv' | 'deliveredBefore';

/** One thing changed; `toggle` is the KEY=VALUE sent, the other fields say what it means. */
export type ToggleChoice =
  | { kind: 'policy'; toggle: string; policy: SenderPolicyName }
  | { kind: 'switch'; toggle: string; switch: SenderSwitch; on: boolean }
  | { kind: 'attack-off'; toggle: string; attack: AttackName; title: LocalizedText }
  | { kind: 'attack-on'; toggle: string; attack: AttackName; title: LocalizedText }
  | { kind: 'attack-param'; toggle: string; param: string; value: string; description: LocalizedText }
  | { kind: 'zone-mode'; toggle: string; zone: string; mode: DnsZoneMode }
  | { kind: 'main-cf-remove'; toggle: string; line: string };

export type ToggleKind = ToggleChoice['kind'];

export interface ScenarioEntry {
  name: string;
  title: LocalizedText;
  description: LocalizedText | null;
  /** A lab's starting point (scenarios/lab-NN-start.yaml) rather than an attack against a defence. */
  labStart: boolean;
  choices: ToggleChoice[];
}
