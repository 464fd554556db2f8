// The Matrix view's messages: run the matrix, open a stored run, compare a stored run or a
// scenario file with one thing toggled, list the scenario files with their toggle choices. One
// matrix or comparison at a time per data directory: each starts many labs.
import { english, isText, messageOf, text, type Text } from '../../common/i18n/text.ts';
import { errorSentence } from '../../common/i18n/text-error.ts';
import type { ClientMessage, ServerMessage } from '../../common/protocol.ts';
import { runMatrix } from '../matrix/run-matrix.ts';
import { RunStore } from '../matrix/run-store.ts';
import { captureReply } from '../export/lab-capture.ts';
import { storedRunExport } from '../export/stored-run-export.ts';
import type { CaptureReply } from '../../common/capture.ts';
import { compareScenario } from '../scenario/compare-runs.ts';
import { scenarioSchema, type Scenario } from '../scenario/scenario-schema.ts';
import { namedScenario, scenarioCatalog } from '../scenario/scenario-catalog.ts';
import { SCENARIOS_DIR } from '../course/lab-files.ts';
import { ATTACK_MODULES } from '../attack/registry.ts';

type MatrixMessage = Extract<ClientMessage, { type: 'matrix.run' | 'run.open' | 'compare.run' | 'scenarios.list' }>;

/** Where the scenario files are read from: the project's scenarios/ unless a test says otherwise. */
export interface MatrixApiOptions {
  scenariosDir?: string;
}

const busy = new Map<string, Promise<unknown>>();

/** Runs one piece of work per data directory at a time, in order. */
function serial<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const next = (busy.get(dataDir) ?? Promise.resolve()).then(work, work);
  busy.set(dataDir, next.catch(() => {}));
  return next;
}

/** A refusal as the messages carry it: the English sentence, and its Text when it has one. */
function failure(sentence: Text | string): { error: string; errorText?: Text } {
  return typeof sentence === 'string' ? { error: sentence } : { error: english(sentence), errorText: sentence };
}

/** A kept run as pcapng with its key log (trace.export with run); null when it is not kept. */
export async function storedRunCapture(id: string, dataDir: string): Promise<CaptureReply | null> {
  const run = await new RunStore(dataDir).load(id);
  return run ? captureReply(storedRunExport(run)) : null;
}

/** The scenario a comparison starts from: a kept run's, or a scenario file's. */
async function startingScenario(message: Extract<MatrixMessage, { type: 'compare.run' }>, store: RunStore, scenariosDir: string): Promise<Scenario | Text> {
  if ('scenario' in message) return (await namedScenario(message.scenario, scenariosDir)) ?? text('matrixApi.noScenario', { scenario: message.scenario });
  const from = await store.load(message.run);
  const parsed = from && scenarioSchema.safeParse(from.scenario);
  return parsed?.success ? parsed.data : text('matrixApi.noRun', { run: message.run });
}

export async function handleMatrixMessage(message: MatrixMessage, dataDir: string, send: (message: ServerMessage) => void, options: MatrixApiOptions = {}): Promise<void> {
  const store = new RunStore(dataDir);
  const scenariosDir = options.scenariosDir ?? SCENARIOS_DIR;
  switch (message.type) {
    case 'matrix.run':
      try {
        send({ type: 'matrix.result', report: await serial(dataDir, () => runMatrix({ dataDir, store })) });
      } catch (error) {
        send({ type: 'matrix.result', report: null, ...failure(errorSentence(error)) });
      }
      return;
    case 'run.open':
      send({ type: 'run.opened', id: message.id, run: await store.load(message.id) });
      return;
    case 'scenarios.list':
      send({ type: 'scenarios.list', scenarios: await scenarioCatalog(scenariosDir, ATTACK_MODULES.map((m) => m.info)) });
      return;
    case 'compare.run': {
      const scenario = await startingScenario(message, store, scenariosDir);
      if (isText(scenario)) return send({ type: 'compare.result', comparison: null, ...failure(scenario) });
      try {
        const result = await serial(dataDir, () => compareScenario(scenario, message.toggle, { dataDir, store }));
        send(result.ok ? { type: 'compare.result', comparison: result.comparison } : { type: 'compare.result', comparison: null, ...failure(messageOf(result)) });
      } catch (error) {
        send({ type: 'compare.result', comparison: null, ...failure(errorSentence(error)) });
      }
      return;
    }
  }
}
