// `smtp-lab run FILE`: a scenario headless, in a lab of its own: set up, send the message, wait
// for its first round of delivery, and compare the outcome with the scenario's expect.
import { basename } from 'node:path';
import { text, type Text } from '../../common/i18n/text.ts';
import type { SendOutcome } from '../../common/sender.ts';
import type { TraceEvent } from '../../common/trace.ts';
import { startLab, type StartedLab } from '../lab/start-lab.ts';
import type { SignedZoneCache } from '../dns/zone/signed-zone-cache.ts';
import type { LabPki } from '../pki/lab-pki.ts';
import { applyScenario, scenarioRequest } from './apply-scenario.ts';
import { labControls } from './lab-controls.ts';
import { compareOutcome, type OutcomeMismatch } from './outcome-match.ts';
import type { Scenario, ScenarioExpect } from './scenario-schema.ts';
import { loadYamlFile, type ContentResult } from './yaml-file.ts';

/** `smtp-lab run FILE --json`. */
export interface ScenarioRunReport {
  /** The scenario's name: its file name without .yaml. */
  scenario: string;
  outcome: SendOutcome | null;
  expected: ScenarioExpect;
  matched: boolean;
  /** Every trace event of the run, set-up included. */
  trace: TraceEvent[];
  mismatches: OutcomeMismatch[];
  /** Why the run could not get to an outcome (a refused set-up). */
  error?: string;
  /** The error as a catalogue Text, for the reader's language. */
  errorText?: Text;
}

export const scenarioName = (file: string): string => basename(file).replace(/\.ya?ml$/, '');

export function loadScenario(file: string): Promise<ContentResult<Scenario>> {
  return loadYamlFile(file, { kind: 'scenario', schema: async () => (await import('./scenario-schema.ts')).scenarioSchema });
}

export interface RunScenarioOptions {
  dataDir: string;
  /** Called with the lab once the run is over, before it closes (a capture export, say). */
  beforeClose?: (lab: StartedLab) => void;
  /** The PKI of dataDir, loaded once for many runs (the matrix). */
  pki?: LabPki;
  /** Zone signings shared with the other runs of a batch (the matrix). */
  signedZones?: SignedZoneCache;
}

export async function runScenario(name: string, scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioRunReport> {
  const expected = scenario.expect;
  const lab = await startLab({ dataDir: options.dataDir, ...(options.pki ? { pki: options.pki } : {}), ...(options.signedZones ? { signedZones: options.signedZones } : {}) });
  try {
    const controls = await labControls(lab);
    const setup = await applyScenario(controls, scenario);
    if (!setup.ok) return { scenario: name, outcome: null, expected, matched: false, trace: lab.trace.all(), mismatches: [], error: setup.message, errorText: setup.messageText };
    const submitted = lab.sender.submit(scenarioRequest(scenario));
    if (!submitted.ok) return { scenario: name, outcome: null, expected, matched: false, trace: lab.trace.all(), mismatches: [], error: `message: ${submitted.message}`, errorText: text('api.area', { area: 'message', message: submitted.messageText ?? submitted.message }) };
    const message = await lab.sender.settled(submitted.message.id);
    const outcome = message.outcome!;
    const mismatches = compareOutcome(expected, outcome);
    return { scenario: name, outcome, expected, matched: mismatches.length === 0, trace: lab.trace.all(), mismatches };
  } finally {
    try {
      options.beforeClose?.(lab);
    } finally {
      await lab.close();
    }
  }
}
