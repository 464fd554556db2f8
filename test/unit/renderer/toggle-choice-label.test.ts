// "Compare two runs" names every change the engine offers for every scenario file, in both
// languages, and shows the terminal command that runs the same comparison.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../common/i18n/locale.ts';
import { ATTACK_MODULES } from '../../../engine/attack/registry.ts';
import { SCENARIOS_DIR } from '../../../engine/course/lab-files.ts';
import { scenarioCatalog } from '../../../engine/scenario/scenario-catalog.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { CHOICE_GROUPS, choiceLabel, compareCommand } from '../../../renderer/src/lib/toggle-choice-label.ts';

const tIn = (locale: Locale) => (key: MessageKey, params?: MessageParams) => translate(locale, key, params);

describe('choiceLabel', () => {
  it('names every choice of every scenario in English and Japanese, each group holding its kinds', async () => {
    const catalog = await scenarioCatalog(SCENARIOS_DIR, ATTACK_MODULES.map((m) => m.info));
    const grouped = new Set(CHOICE_GROUPS.flatMap((g) => g.kinds));
    for (const entry of catalog) {
      for (const choice of entry.choices) {
        expect(grouped.has(choice.kind), choice.kind).toBe(true);
        for (const locale of ['en', 'ja'] as const) {
          const label = choiceLabel(choice, tIn(locale), locale);
          expect(label, `${entry.name} ${choice.toggle} ${locale}`).toMatch(/^[^{}]+$/);
          expect(label).not.toMatch(/undefined|compare\.|send\.policyName|dns\.mode/);
        }
      }
    }
    const strip = catalog.find((e) => e.name === 'strip-starttls-vs-opportunistic')!;
    const dane = strip.choices.find((c) => c.toggle === 'sender.policy=dane')!;
    expect(choiceLabel(dane, tIn('en'), 'en')).toBe('Policy: DANE');
    expect(choiceLabel(dane, tIn('ja'), 'ja')).toBe('ポリシー：DANE');
    const off = strip.choices.find((c) => c.toggle === 'attack=off')!;
    expect(choiceLabel(off, tIn('ja'), 'ja')).toMatch(/^攻撃者をオフにする（.+）$/);
  });
});

describe('compareCommand', () => {
  it('is the CLI command, the toggle quoted so that a shell passes it as one argument', () => {
    expect(compareCommand('strip-starttls-vs-opportunistic', 'sender.policy=dane')).toBe("smtp-lab run scenarios/strip-starttls-vs-opportunistic.yaml --toggle 'sender.policy=dane' --compare");
    const toggle = "main.cf+=smtpd_tls_protocols = >=TLSv1.2 # it's";
    const command = compareCommand('x', toggle);
    const args = execFileSync('sh', ['-c', `printf '%s\\n' ${command.replace(/^smtp-lab /, '')}`], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(args).toEqual(['run', 'scenarios/x.yaml', '--toggle', toggle, '--compare']);
  });
});
