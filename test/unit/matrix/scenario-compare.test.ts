// Two runs side by side started from a scenario file (the Matrix tab's "Compare two runs"): the
// messages that ask for the list and the comparison, the choices offered for each scenario (every
// one a toggle `smtp-lab run --toggle` accepts, none a no-op), and real runs through the API.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import type { ServerMessage } from '../../../common/protocol.ts';
import { parseClientMessage } from '../../../common/protocol.ts';
import type { ScenarioEntry } from '../../../common/scenario-choices.ts';
import { handleMatrixMessage } from '../../../engine/api/matrix-api.ts';
import { ApiSession } from '../../../engine/api/api-session.ts';
import { ATTACK_MODULES } from '../../../engine/attack/registry.ts';
import { SCENARIOS_DIR } from '../../../engine/course/lab-files.ts';
import { RunStore } from '../../../engine/matrix/run-store.ts';
import { loadScenario } from '../../../engine/scenario/run-scenario.ts';
import { namedScenario, scenarioCatalog } from '../../../engine/scenario/scenario-catalog.ts';
import { scenarioSchema } from '../../../engine/scenario/scenario-schema.ts';
import { applyToggle } from '../../../engine/scenario/toggle.ts';
import { toggleChoices } from '../../../engine/scenario/toggle-choices.ts';
import { fakeLab } from '../api/fake-lab.ts';

const attacks = ATTACK_MODULES.map((m) => m.info);
const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-scenario-compare-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every message the API sends for one request, once it has answered. */
async function ask(message: Parameters<typeof handleMatrixMessage>[0], options: Parameters<typeof handleMatrixMessage>[3] = {}): Promise<ServerMessage[]> {
  const sent: ServerMessage[] = [];
  await handleMatrixMessage(message, dataDir, (m) => sent.push(m), options);
  return sent;
}

describe('the messages', () => {
  it('accepts the scenario list and a comparison from a scenario file', () => {
    expect(parseClientMessage({ type: 'scenarios.list' })).toEqual({ type: 'scenarios.list' });
    expect(parseClientMessage({ type: 'compare.run', scenario: 'strip-starttls-vs-opportunistic', toggle: 'sender.policy=dane' })).toEqual({ type: 'compare.run', scenario: 'strip-starttls-vs-opportunistic', toggle: 'sender.policy=dane' });
    expect(parseClientMessage({ type: 'compare.run', run: 'c1.left', toggle: 'attack=off' })).toEqual({ type: 'compare.run', run: 'c1.left', toggle: 'attack=off' });
  });

  it('refuses a scenario that is not a file name, both starting points at once, a toggle too short or too long, fields it does not know', () => {
    for (const scenario of ['../labs/01-smtp-by-hand/lab', 'strip-starttls.yaml', 'Strip', '', '-x', 'a'.repeat(65), 7, null]) {
      expect(parseClientMessage({ type: 'compare.run', scenario, toggle: 'sender.policy=dane' }), String(scenario)).toBeNull();
    }
    expect(parseClientMessage({ type: 'compare.run', scenario: 'dns-spoof-vs-dane', run: 'c1.left', toggle: 'attack=off' })).toBeNull();
    expect(parseClientMessage({ type: 'compare.run', scenario: 'dns-spoof-vs-dane', toggle: 'a=' })).toBeNull();
    expect(parseClientMessage({ type: 'compare.run', scenario: 'dns-spoof-vs-dane', toggle: `main.cf+=${'x'.repeat(600)}` })).toBeNull();
    expect(parseClientMessage({ type: 'compare.run', scenario: 'dns-spoof-vs-dane' })).toBeNull();
    expect(parseClientMessage({ type: 'scenarios.list', dir: '/etc' })).toBeNull();
  });
});

describe('toggleChoices', () => {
  const files = readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml'));

  it('offers, for every scenario file, only toggles the CLI accepts, each changing the scenario', async () => {
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const loaded = await loadScenario(join(SCENARIOS_DIR, file));
      if (!loaded.ok) throw new Error(`${file}: ${loaded.problems[0].message}`);
      const choices = toggleChoices(loaded.value, attacks);
      expect(new Set(choices.map((c) => c.toggle)).size, file).toBe(choices.length);
      for (const choice of choices) {
        const toggled = applyToggle(loaded.value, choice.toggle);
        expect(toggled, `${file}: ${choice.toggle}`).toMatchObject({ ok: true });
        if (toggled.ok) expect(toggled.scenario, `${file}: ${choice.toggle} changes nothing`).not.toEqual(loaded.value);
      }
    }
  });

  it('offers what makes sense for the scenario: other policies, the attacker off or its parameters, zone modes, its main.cf lines', () => {
    const strip = scenarioSchema.parse({ title: { en: 't', ja: 't' }, sender: { policy: 'opportunistic' }, attack: { name: 'strip-starttls' }, expect: {} });
    const toggles = toggleChoices(strip, attacks).map((c) => c.toggle);
    expect(toggles.filter((t) => t.startsWith('sender.policy='))).toEqual(['sender.policy=fallback', 'sender.policy=mta-sts', 'sender.policy=dane', 'sender.policy=dane+mta-sts']);
    expect(toggles).toEqual(expect.arrayContaining(['sender.dnssec=true', 'sender.requireTls=true', 'attack=off', 'attack.params.mode=rewrite-ehlo', 'attack.params.mode=refuse-454', 'dns.modes.example.jp=bad-signature', 'dns.modes.jp=missing-ds']));
    // The default value of a parameter, the zone's own mode and the attacker's link are not changes a run shows.
    expect(toggles).not.toEqual(expect.arrayContaining(['attack.params.mode=both']));
    expect(toggles.some((t) => t.startsWith('attack.params.link=') || t === 'dns.modes.example.jp=signed' || t.startsWith('attack=strip'))).toBe(false);

    const dane = scenarioSchema.parse({ title: { en: 't', ja: 't' }, 'main.cf': ['smtpd_tls_protocols = >=TLSv1'], sender: { policy: 'dane' }, dns: { modes: { 'example.jp': 'unsigned' } }, expect: {} });
    const daneChoices = toggleChoices(dane, attacks);
    // DANE validates DNSSEC whatever the switch says; no attacker: each attack can be switched on.
    expect(daneChoices.some((c) => c.toggle.startsWith('sender.dnssec='))).toBe(false);
    expect(daneChoices.filter((c) => c.kind === 'attack-on').map((c) => c.toggle)).toEqual(attacks.map((a) => `attack=${a.name}`));
    expect(daneChoices.map((c) => c.toggle)).toEqual(expect.arrayContaining(['dns.modes.example.jp=signed', 'main.cf-=smtpd_tls_protocols = >=TLSv1']));
    expect(daneChoices.find((c) => c.kind === 'attack-on' && c.attack === 'fake-certificate')).toMatchObject({ title: { en: expect.any(String), ja: expect.any(String) } });

    const fallback = scenarioSchema.parse({ title: { en: 't', ja: 't' }, sender: { policy: 'fallback' }, attack: { name: 'starttls-injection', params: { command: 'NOOP' } }, expect: {} });
    const fallbackToggles = toggleChoices(fallback, attacks).map((c) => c.toggle);
    expect(fallbackToggles).toContain('sender.fallbackScsv=false');
    expect(fallbackToggles).toContain('attack.params.command=MAIL FROM:<mallory@attacker.example>');
    expect(fallbackToggles).not.toContain('attack.params.command=NOOP');
  });

  it('quotes a parameter value YAML would read back as other than that string', () => {
    const info = { ...attacks.find((a) => a.name === 'eavesdrop')!, params: [{ name: 'x', description: { en: 'x', ja: 'x' }, values: ['plain', 'true', '1.0', 'null', 'a: b'] }] };
    const scenario = scenarioSchema.parse({ title: { en: 't', ja: 't' }, attack: { name: 'eavesdrop' }, expect: {} });
    const params = toggleChoices(scenario, [info]).filter((c) => c.kind === 'attack-param');
    expect(params.map((c) => c.toggle)).toEqual(['attack.params.x="true"', 'attack.params.x="1.0"', 'attack.params.x="null"', 'attack.params.x="a: b"']);
    for (const c of params) expect(applyToggle(scenario, c.toggle), c.toggle).toMatchObject({ ok: true, scenario: { attack: { params: { x: c.kind === 'attack-param' ? c.value : '' } } } });
  });
});

describe('scenarioCatalog and namedScenario', () => {
  it('lists every scenario file that loads, attacks against defences before the labs\' starting points', async () => {
    const list = await scenarioCatalog(SCENARIOS_DIR, attacks);
    const names = list.map((s) => s.name);
    expect(names).toContain('strip-starttls-vs-opportunistic');
    expect(names).toContain('lab-04-start');
    const firstLab = list.findIndex((s) => s.labStart);
    expect(list.slice(0, firstLab).every((s) => !s.labStart) && list.slice(firstLab).every((s) => s.labStart)).toBe(true);
    const strip = list.find((s) => s.name === 'strip-starttls-vs-opportunistic')!;
    expect(strip.title.ja).toBe('日和見的な送信側に対する STARTTLS の除去');
    expect(strip.description?.en).toMatch(/^The attacker turns 250-STARTTLS/);
    expect(strip.choices.map((c) => c.toggle)).toContain('sender.policy=dane');
  });

  it('leaves out a file that does not load or is not named as a scenario, and finds nothing outside the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-scenarios-'));
    try {
      copyFileSync(join(SCENARIOS_DIR, 'dns-spoof-vs-dane.yaml'), join(dir, 'dns-spoof-vs-dane.yaml'));
      writeFileSync(join(dir, 'broken.yaml'), 'title: [unclosed\n');
      writeFileSync(join(dir, 'Upper Case.yaml'), 'title: {en: a, ja: a}\nexpect: {}\n');
      expect((await scenarioCatalog(dir, attacks)).map((s) => s.name)).toEqual(['dns-spoof-vs-dane']);
      expect(await namedScenario('dns-spoof-vs-dane', dir)).toMatchObject({ sender: { policy: 'dane' } });
      expect(await namedScenario('broken', dir)).toBeNull();
      expect(await namedScenario('../scenarios/dns-spoof-vs-dane', dir)).toBeNull();
      expect(await namedScenario('strip-starttls-vs-opportunistic', dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Matrix API', () => {
  it('answers scenarios.list, through the session too', async () => {
    const [answer] = await ask({ type: 'scenarios.list' });
    expect(answer.type).toBe('scenarios.list');
    const list = (answer as Extract<ServerMessage, { type: 'scenarios.list' }>).scenarios;
    expect(list.find((s: ScenarioEntry) => s.name === 'tls-downgrade-vs-fallback-no-scsv')?.choices.map((c) => c.toggle)).toEqual(expect.arrayContaining(['sender.fallbackScsv=true', 'attack.params.max=TLSv1']));

    const sent: ServerMessage[] = [];
    const session = new ApiSession({ lab: fakeLab('/nowhere'), ptys: null, send: (m) => sent.push(m), systemLocale: 'en' });
    session.receive({ type: 'scenarios.list' });
    await expect.poll(() => sent.find((m) => m.type === 'scenarios.list'), { timeout: 20_000 }).toMatchObject({ scenarios: expect.arrayContaining([expect.objectContaining({ name: 'strip-starttls-vs-opportunistic' })]) });
    session.dispose();
  });

  it('refuses a scenario it does not have and a toggle the CLI refuses, in the reader\'s language', async () => {
    const [missing] = await ask({ type: 'compare.run', scenario: 'no-such-scenario', toggle: 'sender.policy=dane' });
    expect(missing).toMatchObject({ type: 'compare.result', comparison: null, errorText: { key: 'matrixApi.noScenario' } });
    expect(renderText('ja', (missing as Extract<ServerMessage, { type: 'compare.result' }>).errorText!)).toBe('比較の元になるシナリオ「no-such-scenario」がない（scenarios/no-such-scenario.yaml がないか、読み込めない）');
    const [refused] = await ask({ type: 'compare.run', scenario: 'strip-starttls-vs-opportunistic', toggle: 'sender.policy=secure-please' });
    expect(refused).toMatchObject({ type: 'compare.result', comparison: null, error: expect.stringMatching(/^sender\.policy: /), errorText: { key: 'toggle.invalid' } });
  });

  it('runs a scenario file and its toggle side by side: the first difference and the decision that explains it, both runs kept', { timeout: 120_000 }, async () => {
    const [answer] = await ask({ type: 'compare.run', scenario: 'strip-starttls-vs-opportunistic', toggle: 'sender.policy=dane' });
    expect(answer.type).toBe('compare.result');
    const c = (answer as Extract<ServerMessage, { type: 'compare.result' }>).comparison!;
    expect(c.toggle).toBe('sender.policy=dane');
    expect(c.left.title.en).toBe('STARTTLS stripping against an opportunistic sender');
    expect(c.left.outcome).toMatchObject({ delivered: true, attackerRead: true });
    expect(c.right.outcome).toMatchObject({ delivered: false, attackerRead: false, stoppedBy: 'RFC 7672 §2.2.3' });
    expect(c.firstDifference).not.toBeNull();
    expect(c.steps[c.firstDifference!].same).toBe(false);
    expect(c.steps.slice(0, c.firstDifference!).every((s) => s.same)).toBe(true);
    expect(c.explanation).toMatchObject({ side: 'right' });
    expect(c.right.trace[c.explanation!.index].rule).toBe('RFC 7672 §2.2.3');
    expect(renderText('ja', c.headlineText!)).toMatch(/^強調した手順で 2 つの実行が分かれる。sender\.policy=dane にした場合：RFC 7672 §2\.2\.3：/);
    // Both runs are kept: they open, replay and export like a matrix cell's.
    const store = new RunStore(dataDir);
    expect((await store.load(c.left.id))?.trace).toHaveLength(c.left.trace.length);
    expect((await store.load(c.right.id))?.outcome).toMatchObject({ stoppedBy: 'RFC 7672 §2.2.3' });
  });

  it('keeps why a run could not start, in the reader\'s language', { timeout: 120_000 }, async () => {
    const [answer] = await ask({ type: 'compare.run', scenario: 'strip-starttls-vs-opportunistic', toggle: 'main.cf+=no_such_parameter = 1' });
    const c = (answer as Extract<ServerMessage, { type: 'compare.result' }>).comparison!;
    expect(c.left.error).toBeUndefined();
    expect(c.right.outcome).toBeNull();
    expect(c.right.error).toMatch(/no_such_parameter: unknown parameter/);
    expect(renderText('ja', c.right.errorText!)).toMatch(/no_such_parameter/);
    expect(renderText('ja', c.right.errorText!)).not.toBe(c.right.error);
  });
});
