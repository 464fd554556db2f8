// The Matrix tab's state: the matrix as last run, the run a cell opened (its trace in a TraceStore
// of its own, so the ladder components show it), and two comparisons of two runs: one from the
// open cell's run, one from a scenario file picked in "Compare two runs".
import type { Text } from '../../../common/i18n/text.ts';
import type { MatrixCell, MatrixReport, StoredRun } from '../../../common/matrix.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import type { ScenarioEntry } from '../../../common/scenario-choices.ts';
import { ComparisonState, reveal, runTraceStore } from './comparison-state.svelte.ts';
import type { TraceStore } from './trace-store.svelte.ts';

export type MatrixMessage = Extract<ServerMessage, { type: 'matrix.result' | 'run.opened' | 'compare.result' | 'scenarios.list' }>;

/** What "Compare two runs" has picked: a scenario file, and the choice's toggle or a typed one. */
export interface ScenarioPick {
  scenario: string;
  /** A choice's toggle, or MAIN_CF_ADD / TYPED for a line or a KEY=VALUE typed in. */
  choice: string;
  mainCfLine: string;
  typed: string;
}

export const MAIN_CF_ADD = 'main.cf+=';
export const TYPED = '=';

export class MatrixStore {
  report = $state.raw<MatrixReport | null>(null);
  running = $state(false);
  /** What went wrong, as the engine said it (a Text for the reader's language, or an English string). */
  error = $state.raw<Text | string | null>(null);
  /** The cell whose run is open (its trace below the table). */
  cell = $state.raw<MatrixCell | null>(null);
  run = $state.raw<StoredRun | null>(null);
  runTrace = $state.raw<TraceStore | null>(null);
  loadingRun = $state(false);
  /** The open cell's run compared with one thing toggled. */
  readonly cellCompare = new ComparisonState();
  /** "Compare two runs": open in place of the cell's detail, the scenario files, what is picked, the result. */
  scenarioPanel = $state(false);
  scenarios = $state.raw<ScenarioEntry[] | null>(null);
  pick = $state<ScenarioPick>({ scenario: '', choice: '', mainCfLine: '', typed: '' });
  readonly scenarioCompare = new ComparisonState();
  /**
   * The comparison the engine is running for us (one at a time: compare.result does not say whose
   * it is); 'dropped' when the view that asked has moved on, so its answer is not shown elsewhere.
   */
  pending = $state.raw<ComparisonState | 'dropped' | null>(null);
  private listAsked = false;

  constructor(private readonly send: (message: ClientMessage) => void) {}

  runMatrix(): void {
    if (this.running) return;
    this.running = true;
    this.error = null;
    this.send({ type: 'matrix.run' });
  }

  open(cell: MatrixCell): void {
    this.scenarioPanel = false;
    this.cell = cell;
    this.run = null;
    this.runTrace = null;
    this.dropCellCompare();
    this.loadingRun = true;
    this.send({ type: 'run.open', id: cell.run });
  }

  close(): void {
    this.cell = null;
    this.run = null;
    this.runTrace = null;
    this.dropCellCompare();
  }

  compare(toggle: string): void {
    if (!this.run || this.pending || toggle.trim().length < 3) return;
    this.ask(this.cellCompare, { type: 'compare.run', run: this.run.id, toggle: toggle.trim() });
  }

  /** Opens "Compare two runs" where a cell's detail goes, asking for the scenario files once. */
  openScenarios(): void {
    this.close();
    this.scenarioPanel = true;
    if (!this.listAsked) {
      this.listAsked = true;
      this.send({ type: 'scenarios.list' });
    }
  }

  closeScenarios(): void {
    this.scenarioPanel = false;
  }

  /** The toggle the pick stands for, as `smtp-lab run --toggle` takes it; '' while a typed one is empty. */
  pickedToggle(): string {
    const { choice, mainCfLine, typed } = this.pick;
    if (choice === MAIN_CF_ADD) return mainCfLine.trim() ? `${MAIN_CF_ADD}${mainCfLine.trim()}` : '';
    if (choice === TYPED) return typed.trim();
    return choice;
  }

  compareScenario(): void {
    const toggle = this.pickedToggle();
    if (!this.pick.scenario || this.pending || toggle.length < 3) return;
    this.ask(this.scenarioCompare, { type: 'compare.run', scenario: this.pick.scenario, toggle });
  }

  receive(message: MatrixMessage): void {
    switch (message.type) {
      case 'matrix.result':
        this.running = false;
        this.report = message.report;
        this.error = message.errorText ?? message.error ?? null;
        return;
      case 'run.opened':
        if (this.cell?.run !== message.id) return;
        this.loadingRun = false;
        this.run = message.run;
        this.runTrace = message.run ? runTraceStore(message.run) : null;
        if (message.run && this.cell.evidence) reveal(this.runTrace, this.cell.evidence.seq);
        return;
      case 'compare.result': {
        const asked = this.pending;
        this.pending = null;
        if (asked instanceof ComparisonState) asked.settle(message);
        return;
      }
      case 'scenarios.list':
        this.scenarios = message.scenarios;
        if (!message.scenarios.some((s) => s.name === this.pick.scenario)) this.choose(message.scenarios[0]?.name ?? '');
        return;
    }
  }

  /** Picks a scenario, and its first choice to change. */
  choose(name: string): void {
    const entry = this.scenarios?.find((s) => s.name === name);
    this.pick = { ...this.pick, scenario: name, choice: entry?.choices[0]?.toggle ?? MAIN_CF_ADD };
  }

  /** The engine said no (a refused message): stop waiting. */
  failed(): void {
    this.running = false;
    this.loadingRun = false;
    if (this.pending instanceof ComparisonState) this.pending.comparing = false;
    this.pending = null;
  }

  private ask(state: ComparisonState, message: ClientMessage): void {
    this.pending = state;
    state.begin();
    this.send(message);
  }

  private dropCellCompare(): void {
    if (this.pending === this.cellCompare) this.pending = 'dropped';
    this.cellCompare.clear();
  }
}
