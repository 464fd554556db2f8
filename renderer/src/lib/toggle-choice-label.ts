// How "Compare two runs" names the changes it offers for a scenario, grouped as a learner thinks
// of them: the sender's defence, the attacker, DNSSEC zone modes, main.cf.
import type { Locale } from '../../../common/i18n/locale.ts';
import type { ToggleChoice, ToggleKind } from '../../../common/scenario-choices.ts';
import type { MessageKey, MessageParams } from './i18n/index.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export const CHOICE_GROUPS: { id: 'defence' | 'attacker' | 'dns' | 'mainCf'; kinds: readonly ToggleKind[] }[] = [
  { id: 'defence', kinds: ['policy', 'switch'] },
  { id: 'attacker', kinds: ['attack-off', 'attack-on', 'attack-param'] },
  { id: 'dns', kinds: ['zone-mode'] },
  { id: 'mainCf', kinds: ['main-cf-remove'] },
];

export function choiceLabel(choice: ToggleChoice, t: Translate, locale: Locale): string {
  switch (choice.kind) {
    case 'policy':
      return t('compare.choice.policy', { policy: t(`send.policyName.${choice.policy}` as MessageKey) });
    case 'switch':
      return t(`compare.choice.${choice.switch}.${choice.on ? 'on' : 'off'}` as MessageKey);
    case 'attack-off':
      return t('compare.choice.attackOff', { attack: choice.title[locale] });
    case 'attack-on':
      return t('compare.choice.attackOn', { attack: choice.title[locale] });
    case 'attack-param':
      return t('compare.choice.attackParam', { param: choice.param, value: choice.value });
    case 'zone-mode':
      return t('compare.choice.zoneMode', { zone: choice.zone, mode: t(`dns.mode.${choice.mode}` as MessageKey) });
    case 'main-cf-remove':
      return t('compare.choice.mainCfRemove', { line: choice.line });
  }
}

/** A more detailed word on a choice, for its tooltip: what an attack parameter does. */
export function choiceHint(choice: ToggleChoice, locale: Locale): string {
  return choice.kind === 'attack-param' ? choice.description[locale] : choice.toggle;
}

/** The same comparison from a terminal: `smtp-lab run FILE --toggle KEY=VALUE --compare`, quoted for a POSIX shell. */
export function compareCommand(scenario: string, toggle: string): string {
  return `smtp-lab run scenarios/${scenario}.yaml --toggle '${toggle.replaceAll("'", `'\\''`)}' --compare`;
}
