// The guided labs of a running lab (docs/labs.md): the list with this user's progress, opening a
// lab (the lab reset to its scenario, its steps tracked from then on), starting it again, the
// quiz, and the state the lesson pane shows. One lab is active at a time.
import { messageOf, told, text, type Text } from '../../common/i18n/text.ts';
import type { LabState, LabSummary } from '../../common/labs.ts';
import { applyScenario } from '../scenario/apply-scenario.ts';
import type { LabControls } from '../scenario/lab-controls.ts';
import type { LoadedLab } from './lab-files.ts';
import type { ProgressStore } from './progress-store.ts';
import { StepTracker } from './step-tracker.ts';

export type CourseEvent = { type: 'state'; state: LabState } | { type: 'list'; labs: LabSummary[] } | { type: 'reset'; id: string | null };

export type CourseResult<T> = { ok: true; value: T } | { ok: false; message: string; messageText: Text };

export class Course {
  private activeId: string | null = null;
  private tracker: StepTracker | null = null;
  private readonly listeners = new Set<(event: CourseEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly controls: LabControls,
    private readonly labs: LoadedLab[],
    private readonly progress: ProgressStore,
  ) {}

  get active(): string | null {
    return this.activeId;
  }

  find(id: string): LoadedLab | undefined {
    return this.labs.find((lab) => lab.id === id);
  }

  list(): LabSummary[] {
    return this.labs.map((lab) => {
      const done = this.progress.get(lab.id).steps;
      const d = lab.definition;
      return { id: lab.id, number: d.number, title: d.title, summary: d.summary, steps: d.steps.length, done: d.steps.filter((s) => done[s.id]).length };
    });
  }

  state(id: string): LabState | null {
    const lab = this.find(id);
    if (!lab) return null;
    const p = this.progress.get(id);
    const d = lab.definition;
    return {
      id,
      title: d.title,
      lesson: lab.lesson,
      steps: d.steps.map((s) => ({ id: s.id, title: s.title, hints: s.hints, done: Boolean(p.steps[s.id]) })),
      quiz: d.quiz.map((q) => {
        const answered = p.quiz[q.id];
        return { id: q.id, question: q.question, choices: q.choices, ...(answered ? { answered: { ...answered, explanation: q.explanation } } : {}) };
      }),
      active: this.activeId === id,
    };
  }

  /** Opens the lab: the whole lab reset to its scenario, its steps tracked from now on. Progress is kept. */
  open(id: string): Promise<CourseResult<LabState>> {
    return this.serial(async () => {
      const lab = this.find(id);
      if (!lab) return { ok: false, ...told(text('course.noLabOf', { id, labs: this.labs.map((l) => l.id).join(', ') })) };
      this.tracker?.stop();
      this.tracker = null;
      this.activeId = null;
      await this.controls.reset();
      const setup = await applyScenario(this.controls, lab.scenario);
      if (!setup.ok) return { ok: false, ...told(text('course.setup', { scenario: lab.definition.scenario, message: messageOf(setup) })) };
      this.activeId = id;
      this.tracker = new StepTracker(this.controls, lab.definition.steps, (step) => Boolean(this.progress.get(id).steps[step]), (step) => this.stepDone(id, step));
      this.tracker.start();
      this.emit({ type: 'reset', id });
      this.broadcast(id);
      return { ok: true, value: this.state(id)! };
    });
  }

  /** Starts the lab again (the active one when no id): the same as open. Without any lab, the plain lab's start. */
  async reset(id?: string | null): Promise<CourseResult<LabState | null>> {
    const target = id ?? this.activeId;
    if (target) return this.open(target);
    return this.serial(async () => {
      this.tracker?.stop();
      this.tracker = null;
      await this.controls.reset();
      this.emit({ type: 'reset', id: null });
      return { ok: true, value: null };
    });
  }

  /** Forgets the ticks and quiz answers of one lab; the lab itself is not touched. */
  resetProgress(id: string): CourseResult<LabState> {
    if (!this.find(id)) return { ok: false, ...told(text('course.noLab', { id })) };
    this.progress.reset(id);
    this.broadcast(id);
    return { ok: true, value: this.state(id)! };
  }

  answer(id: string, question: string, choice: string): CourseResult<LabState> {
    const q = this.find(id)?.definition.quiz.find((x) => x.id === question);
    if (!q) return { ok: false, ...told(text('course.noQuestion', { question, id })) };
    if (!q.choices.some((c) => c.id === choice)) return { ok: false, ...told(text('course.noChoice', { question, choice })) };
    this.progress.answer(id, question, choice, choice === q.answer);
    this.broadcast(id);
    return { ok: true, value: this.state(id)! };
  }

  /** Resolves once the step is done (or false after the timeout). */
  whenDone(id: string, step: string, timeoutMs: number): Promise<boolean> {
    if (this.progress.get(id).steps[step]) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      const stop = this.subscribe((event) => {
        if (event.type === 'state' && event.state.id === id && event.state.steps.some((s) => s.id === step && s.done)) {
          clearTimeout(timer);
          stop();
          resolve(true);
        }
      });
    });
  }

  subscribe(listener: (event: CourseEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.tracker?.stop();
    this.tracker = null;
    this.listeners.clear();
  }

  private stepDone(id: string, step: string): void {
    this.progress.markStep(id, step);
    this.broadcast(id);
  }

  private broadcast(id: string): void {
    const state = this.state(id);
    if (state) this.emit({ type: 'state', state });
    this.emit({ type: 'list', labs: this.list() });
  }

  private emit(event: CourseEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('course listener failed:', error);
      }
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }
}
