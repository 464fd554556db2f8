// One thing changed in a scenario, written KEY=VALUE (docs/scenarios.md "Toggles"): a path into
// the scenario as its YAML spells it, e.g. sender.policy=dane, attack.params.max=TLSv1,
// dns.modes.example.jp=bad-signature, attack=off, or a main.cf line added (main.cf+=LINE) or
// taken away (main.cf-=LINE). The result is checked by the scenario schema like a file.
import { parse as parseYaml } from 'yaml';
import { text, told, type Text } from '../../common/i18n/text.ts';
import { scenarioSchema, type Scenario } from './scenario-schema.ts';

export type ToggleResult = { ok: true; scenario: Scenario; key: string; value: unknown } | { ok: false; message: string; messageText: Text };

const refused = (sentence: Text): ToggleResult => ({ ok: false, ...told(sentence) });

/** Keys whose last part is itself a dotted name (a zone). */
const DOTTED_MAPS = ['dns.modes'];

function scalar(text: string): unknown {
  try {
    const value: unknown = parseYaml(text);
    return value === undefined ? text : value;
  } catch {
    return text;
  }
}

function pathOf(key: string): string[] {
  for (const map of DOTTED_MAPS) if (key.startsWith(`${map}.`)) return [...map.split('.'), key.slice(map.length + 1)];
  return key.split('.');
}

export function applyToggle(scenario: Scenario, toggle: string): ToggleResult {
  const mainCf = /^main\.cf([+-])=(.+)$/s.exec(toggle.trim());
  const copy = structuredClone(scenario) as Record<string, unknown>;
  if (mainCf) {
    const line = mainCf[2].trim();
    const lines = [...((copy['main.cf'] as string[] | undefined) ?? [])];
    if (mainCf[1] === '+') lines.push(line);
    else {
      const at = lines.findIndex((l) => l.replace(/\s+/g, ' ') === line.replace(/\s+/g, ' '));
      if (at < 0) return refused(text('toggle.noLine', { line }));
      lines.splice(at, 1);
    }
    copy['main.cf'] = lines;
    return checked(copy, 'main.cf', line);
  }
  const eq = toggle.indexOf('=');
  if (eq <= 0) return refused(text('toggle.form', { toggle }));
  const key = toggle.slice(0, eq).trim();
  const raw = toggle.slice(eq + 1).trim();
  let value = scalar(raw);
  // The attacker off, as a scenario without attack says it.
  if (key === 'attack' && (value === 'off' || value === null)) value = null;
  else if (key === 'attack' && typeof value === 'string') value = { name: value };
  const path = pathOf(key);
  if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) return refused(text('toggle.notKey', { key }));
  let node: Record<string, unknown> = copy;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (next === undefined || next === null) node[part] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) return refused(text('toggle.notMap', { key, part }));
    node = node[part] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return checked(copy, key, value);
}

function checked(candidate: unknown, key: string, value: unknown): ToggleResult {
  const parsed = scenarioSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.filter((p) => typeof p !== 'symbol').join('.');
    // The schema's own words (zod) stay as they are: they name the field and what it expects.
    return refused(text('toggle.invalid', { key, problem: `${where ? `${where}: ` : ''}${issue.message}` }));
  }
  return { ok: true, scenario: parsed.data, key, value };
}
