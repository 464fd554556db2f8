// The labs/ folder: every NN-name/ with lab.yaml, lesson.ja.md and lesson.en.md, each lab.yaml
// checked by its schema and its scenario, step ids, quiz answers and waitStep names cross-checked,
// every problem as FILE:LINE:COLUMN: what is wrong.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { loadScenario } from '../scenario/run-scenario.ts';
import { loadYamlFile, type ContentProblem } from '../scenario/yaml-file.ts';
import type { LabDefinition } from './lab-schema.ts';
import { text, told, type Text } from '../../common/i18n/text.ts';

export const LABS_DIR = fileURLToPath(new URL('../../labs/', import.meta.url));
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface LoadedLab {
  id: string;
  dir: string;
  definition: LabDefinition;
  scenario: Scenario;
  lesson: { ja: string; en: string };
}

export const LAB_DIR_NAME = /^\d{2}-[a-z0-9-]+$/;

export async function loadLabs(labsDir = LABS_DIR, scenariosDir = SCENARIOS_DIR): Promise<{ labs: LoadedLab[]; problems: ContentProblem[] }> {
  const labs: LoadedLab[] = [];
  const problems: ContentProblem[] = [];
  const dirs = existsSync(labsDir) ? readdirSync(labsDir).filter((name) => LAB_DIR_NAME.test(name)).sort() : [];
  for (const id of dirs) {
    const loaded = await loadLab(id, join(labsDir, id), scenariosDir);
    if ('problems' in loaded) problems.push(...loaded.problems);
    else labs.push(loaded);
  }
  return { labs, problems };
}

export async function loadLab(id: string, dir: string, scenariosDir = SCENARIOS_DIR): Promise<LoadedLab | { problems: ContentProblem[] }> {
  const file = join(dir, 'lab.yaml');
  const parsed = await loadYamlFile(file, { kind: 'lab', schema: async () => (await import('./lab-schema.ts')).labSchema });
  if (!parsed.ok) return { problems: parsed.problems };
  const definition = parsed.value;
  const problems: ContentProblem[] = [];
  const at = (problem: Text): ContentProblem => ({ file, line: 1, column: 1, ...told(problem) });
  const lesson = { ja: '', en: '' };
  for (const locale of ['ja', 'en'] as const) {
    const path = join(dir, `lesson.${locale}.md`);
    if (existsSync(path)) lesson[locale] = readFileSync(path, 'utf8');
    else problems.push({ file: path, line: 1, column: 1, ...told(text('content.lessonMissing', { lesson: `lesson.${locale}.md` })) });
  }
  const stepIds = definition.steps.map((s) => s.id);
  const duplicate = stepIds.find((id, i) => stepIds.indexOf(id) !== i);
  if (duplicate) problems.push(at(text('content.stepTwice', { id: duplicate })));
  for (const q of definition.quiz) {
    if (!q.choices.some((c) => c.id === q.answer)) problems.push(at(text('content.answerNotChoice', { quiz: q.id, answer: q.answer })));
  }
  for (const action of definition.solution) {
    if ('waitStep' in action && !stepIds.includes(action.waitStep)) problems.push(at(text('content.waitStepUnknown', { step: action.waitStep })));
  }
  const scenarioFile = join(scenariosDir, `${definition.scenario}.yaml`);
  const scenario = await loadScenario(scenarioFile);
  if (!scenario.ok) problems.push(...scenario.problems);
  if (problems.length || !scenario.ok) return { problems };
  return { id, dir, definition, scenario: scenario.value, lesson };
}
