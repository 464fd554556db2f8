// The build's cache of parsed labs and scenarios: every lab.yaml and scenario is in it with exactly
// what parsing the file gives, and an entry is used only for the very text it was made from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContentCache } from '../../../engine/course/content-cache-build.ts';
import { LABS_DIR, SCENARIOS_DIR, loadLabs } from '../../../engine/course/lab-files.ts';
import { builtContentCache, cachedContent, contentKey } from '../../../engine/scenario/content-cache.ts';
import { loadScenario } from '../../../engine/scenario/run-scenario.ts';

const root = join(import.meta.dirname, '../../..');
const cache = buildContentCache(root);

describe('content cache', () => {
  it('holds every lab and scenario as parsing gives it', async () => {
    const { labs, problems } = await loadLabs();
    expect(problems).toEqual([]);
    for (const lab of labs) {
      const file = join(LABS_DIR, lab.id, 'lab.yaml');
      expect(cachedContent(cache, contentKey(file), 'lab', readFileSync(file, 'utf8'))).toEqual(lab.definition);
      const scenarioFile = join(SCENARIOS_DIR, `${lab.definition.scenario}.yaml`);
      expect(cachedContent(cache, contentKey(scenarioFile), 'scenario', readFileSync(scenarioFile, 'utf8'))).toEqual(lab.scenario);
    }
    const scenarios = Object.keys(cache.entries).filter((key) => key.startsWith('scenarios/'));
    expect(scenarios.length).toBeGreaterThan(20);
    for (const key of scenarios) {
      const loaded = await loadScenario(join(root, key));
      expect(loaded.ok && loaded.value).toEqual(cache.entries[key].value);
    }
  });

  it('is used only for the same text and the same kind, and hands out a copy', () => {
    const file = join(SCENARIOS_DIR, 'strip-starttls-vs-mta-sts.yaml');
    const key = contentKey(file);
    const text = readFileSync(file, 'utf8');
    expect(key).toBe('scenarios/strip-starttls-vs-mta-sts.yaml');
    expect(cachedContent(cache, key, 'scenario', text)).toBeDefined();
    expect(cachedContent(cache, key, 'scenario', `${text}\n# edited\n`)).toBeUndefined();
    expect(cachedContent(cache, key, 'lab', text)).toBeUndefined();
    expect(cachedContent(null, key, 'scenario', text)).toBeUndefined();
    const copy = cachedContent(cache, key, 'scenario', text) as Record<string, unknown>;
    copy.name = 'changed';
    expect((cachedContent(cache, key, 'scenario', text) as Record<string, unknown>).name).not.toBe('changed');
  });

  it('leaves out a file with a problem, so it is parsed and reported at run time', () => {
    const broken = buildContentCache(root, join(root, 'test/unit/course/no-labs-here'), join(import.meta.dirname, '../scenario'));
    expect(broken.entries).toEqual({});
  });

  it('is not read when the engine runs from its sources', () => {
    expect(builtContentCache()).toBeNull();
  });
});
