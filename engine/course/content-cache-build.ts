// What bin/build-engine.js stores in content-cache.json: every lab.yaml under labs/ and every
// scenario under scenarios/ that parses and validates, with the hash of the text it came from.
// A file with a problem is left out, so it is parsed (and its problem reported) at run time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, contentKey, type ContentCacheFile, type ContentKind } from '../scenario/content-cache.ts';
import { parseYamlText } from '../scenario/yaml-parse.ts';
import { scenarioSchema } from '../scenario/scenario-schema.ts';
import { LAB_DIR_NAME, LABS_DIR, SCENARIOS_DIR } from './lab-files.ts';
import { labSchema } from './lab-schema.ts';

export function buildContentCache(root: string, labsDir = LABS_DIR, scenariosDir = SCENARIOS_DIR): ContentCacheFile {
  const files: { file: string; kind: ContentKind }[] = [];
  if (existsSync(labsDir)) {
    for (const name of readdirSync(labsDir).filter((n) => LAB_DIR_NAME.test(n)).sort()) files.push({ file: join(labsDir, name, 'lab.yaml'), kind: 'lab' });
  }
  if (existsSync(scenariosDir)) {
    for (const name of readdirSync(scenariosDir).filter((n) => /\.ya?ml$/.test(n)).sort()) files.push({ file: join(scenariosDir, name), kind: 'scenario' });
  }
  const entries: ContentCacheFile['entries'] = {};
  for (const { file, kind } of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const parsed = kind === 'lab' ? parseYamlText(file, text, labSchema) : parseYamlText(file, text, scenarioSchema);
    if (parsed.ok) entries[contentKey(file, root)] = { kind, sha256: contentHash(text), value: parsed.value };
  }
  return { entries };
}
