// The scenario files a comparison can start from (scenarios/*.yaml), by name, each read and checked
// as `smtp-lab run` reads it. A file that does not load is left out of the list: `smtp-lab run`
// on it names its problems.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttackInfo } from '../../common/attack.ts';
import { isScenarioName, type ScenarioEntry } from '../../common/scenario-choices.ts';
import { loadScenario } from './run-scenario.ts';
import type { Scenario } from './scenario-schema.ts';
import { toggleChoices } from './toggle-choices.ts';

const LAB_START = /^lab-\d{2}-start$/;

async function names(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.flatMap((file) => (file.endsWith('.yaml') && isScenarioName(file.slice(0, -5)) ? [file.slice(0, -5)] : [])).sort();
}

/** scenarios/<name>.yaml as a checked scenario, or null when there is no such file or it does not load. */
export async function namedScenario(name: string, dir: string): Promise<Scenario | null> {
  if (!isScenarioName(name) || !(await names(dir)).includes(name)) return null;
  const loaded = await loadScenario(join(dir, `${name}.yaml`));
  return loaded.ok ? loaded.value : null;
}

/** Every scenario that loads, attacks against defences first, then the labs' starting points. */
export async function scenarioCatalog(dir: string, attacks: readonly AttackInfo[]): Promise<ScenarioEntry[]> {
  const entries: ScenarioEntry[] = [];
  for (const name of await names(dir)) {
    const loaded = await loadScenario(join(dir, `${name}.yaml`));
    if (!loaded.ok) continue;
    const s = loaded.value;
    entries.push({ name, title: s.title, description: s.description ?? null, labStart: LAB_START.test(name), choices: toggleChoices(s, attacks) });
  }
  return entries.sort((a, b) => Number(a.labStart) - Number(b.labStart));
}
