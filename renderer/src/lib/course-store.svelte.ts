// The guided labs as the renderer shows them (docs/labs.md): the Labs menu with progress, the lab
// the lesson pane shows, which hints the learner asked for, and `?lab=NAME` in the address.
// Steps tick in the engine; this store only mirrors lab.state.
import type { LabState, LabSummary } from '../../../common/labs.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import { labFromUrl, newlyDone, showsState, urlAction, urlWithLab } from './course-rules.ts';

export type CourseMessage = Extract<ServerMessage, { type: 'labs.list' | 'lab.state' | 'lab.reset' }>;

/** What the lesson pane last told the learner about the lab as a whole. */
export type CourseNotice =
  | { kind: 'reset'; at: number }
  | { kind: 'step'; step: string; at: number }
  | { kind: 'unknown-lab'; id: string; at: number };

const STORAGE_KEY = 'smtp-lab.lesson';

interface SavedLesson {
  collapsed?: boolean;
  width?: number;
}

function load(): SavedLesson {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as SavedLesson) : {};
  } catch {
    return {};
  }
}

export const clampWidth = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0.18), 0.5) : 0.28;

export class CourseStore {
  labs = $state.raw<LabSummary[]>([]);
  /** The lab the running lab is set up for, as the engine last said. */
  active = $state<string | null>(null);
  /** The lab the lesson pane shows. */
  lab = $state.raw<LabState | null>(null);
  /** A lab.open or lab.reset sent and not yet answered by lab.state: the lab is being set up. */
  pending = $state<string | null>(null);
  menuOpen = $state(false);
  collapsed = $state(false);
  /** Width of the lesson pane, as a fraction of the window. */
  width = $state(0.28);
  /** How many hints of each step the learner has asked to see. */
  hintsShown = $state<Record<string, number>>({});
  notice = $state.raw<CourseNotice | null>(null);

  /** The address was read once per page: a reconnection does not open the lab again. */
  private urlHandled = false;

  constructor(
    private readonly send: (message: ClientMessage) => void,
    private readonly location: { search: string; href: string; replace(href: string): void } | null = null,
  ) {
    const saved = load();
    this.collapsed = saved.collapsed === true;
    this.width = clampWidth(saved.width);
  }

  summaryOf(id: string): LabSummary | undefined {
    return this.labs.find((lab) => lab.id === id);
  }

  get doneSteps(): number {
    return this.lab?.steps.filter((s) => s.done).length ?? 0;
  }

  /** Sets the running lab up for this lab and shows its lesson. */
  open(id: string): void {
    this.menuOpen = false;
    this.collapsed = false;
    this.save();
    this.location?.replace(urlWithLab(this.location.href, id));
    if (this.active === id && this.lab?.id === id) return;
    this.pending = id;
    this.send({ type: 'lab.open', id });
  }

  /** "Start this lab again": the running lab back to the lab's scenario; progress kept. */
  startAgain(): void {
    if (!this.lab) return;
    this.pending = this.lab.id;
    this.send({ type: 'lab.reset', id: this.lab.id });
  }

  resetProgress(): void {
    if (!this.lab) return;
    this.hintsShown = {};
    this.send({ type: 'lab.progress.reset', id: this.lab.id });
  }

  answer(question: string, choice: string): void {
    if (this.lab) this.send({ type: 'lab.quiz.answer', id: this.lab.id, question, choice });
  }

  showHint(step: string): void {
    this.hintsShown = { ...this.hintsShown, [step]: (this.hintsShown[step] ?? 0) + 1 };
  }

  toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) this.send({ type: 'labs.list' });
  }

  setCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed;
    this.save();
  }

  setWidth(fraction: number): void {
    this.width = clampWidth(fraction);
    this.save();
  }

  /** A new engine session: its labs.list says which lab is set up. */
  welcome(): void {
    this.pending = null;
  }

  /** The engine refused a lab message: stop waiting. */
  failed(): void {
    this.pending = null;
  }

  receive(message: CourseMessage): void {
    switch (message.type) {
      case 'labs.list':
        this.labs = message.labs;
        this.active = message.active;
        if (this.lab && this.lab.active !== (message.active === this.lab.id)) this.lab = { ...this.lab, active: message.active === this.lab.id };
        this.followUrl();
        return;
      case 'lab.state': {
        const state = message.state;
        if (!showsState(this.lab, this.pending, state)) return;
        if (state.active) this.active = state.id;
        if (this.lab?.id !== state.id) this.hintsShown = {};
        const step = this.lab ? newlyDone(this.lab, state) : null;
        if (step) this.notice = { kind: 'step', step, at: Date.now() };
        this.lab = state;
        if (this.pending === state.id) this.pending = null;
        return;
      }
      case 'lab.reset':
        this.active = message.id;
        if (this.lab) this.lab = { ...this.lab, active: message.id === this.lab.id };
        if (message.id !== null && message.id === this.lab?.id) this.notice = { kind: 'reset', at: Date.now() };
        return;
    }
  }

  /** `?lab=NAME`: open that lab once per page, unless the running lab is already set up for it. */
  private followUrl(): void {
    if (this.urlHandled || !this.location) return;
    this.urlHandled = true;
    const id = labFromUrl(this.location.search);
    const action = urlAction(id, this.labs, this.active);
    if (action === 'unknown') this.notice = { kind: 'unknown-lab', id: id!, at: Date.now() };
    if (action !== 'open') return;
    this.pending = id;
    this.send({ type: 'lab.open', id: id! });
  }

  private save(): void {
    try {
      const saved: SavedLesson = { collapsed: this.collapsed, width: this.width };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch {
      // Not remembered then.
    }
  }
}
