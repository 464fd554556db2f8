// Per-machine view settings an instructor adjusts: text size and pane sizes, remembered.

const STORAGE_KEY = 'smtp-lab.view';
export const SCALES = [0.85, 1, 1.15, 1.3, 1.5, 1.75, 2] as const;
/** Presenter mode enlarges type by this much on top of the chosen step. */
export const PRESENTER_BOOST = 1.3;
/** What presenter mode shows beside the trace: the terminal, the lesson, or nothing. */
export const PRESENTER_LAYOUTS = ['terminal', 'lesson', 'trace'] as const;
export type PresenterLayout = (typeof PRESENTER_LAYOUTS)[number];

interface SavedView {
  scale?: number;
  terminalFraction?: number;
  bottomFraction?: number;
  detailFraction?: number;
  presenter?: boolean;
  presenterLayout?: PresenterLayout;
}

function load(): SavedView {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as SavedView) : {};
  } catch {
    return {};
  }
}

const clamp = (value: unknown, lo: number, hi: number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, lo), hi) : fallback;

export class ViewSettings {
  scale = $state(1);
  /** Width of the terminal column, as a fraction of the window. */
  terminalFraction = $state(0.46);
  /** Height of the mailbox/hosts area, as a fraction of the work area. */
  bottomFraction = $state(0.3);
  /** Height of the trace detail panel, as a fraction of the trace pane. */
  detailFraction = $state(0.42);
  /** Presenter mode: larger type, higher contrast, only the panes the class needs to see. */
  presenter = $state(false);
  presenterLayout = $state<PresenterLayout>('terminal');

  constructor() {
    const saved = load();
    this.scale = (SCALES as readonly number[]).includes(saved.scale ?? NaN) ? saved.scale! : 1;
    this.terminalFraction = clamp(saved.terminalFraction, 0.2, 0.8, 0.46);
    this.bottomFraction = clamp(saved.bottomFraction, 0.12, 0.7, 0.3);
    this.detailFraction = clamp(saved.detailFraction, 0.15, 0.85, 0.42);
    this.presenter = saved.presenter === true;
    this.presenterLayout = (PRESENTER_LAYOUTS as readonly string[]).includes(saved.presenterLayout ?? '') ? saved.presenterLayout! : 'terminal';
    this.applyScale();
  }

  /** The text size in effect: the chosen step, enlarged in presenter mode. */
  get zoom(): number {
    return this.scale * (this.presenter ? PRESENTER_BOOST : 1);
  }

  /** The root font size in pixels: one rem, the unit the whole window is sized in. */
  get remPx(): number {
    return 16 * this.zoom;
  }

  setPresenter(on: boolean): void {
    this.presenter = on;
    this.applyScale();
    this.save();
  }

  setPresenterLayout(layout: PresenterLayout): void {
    this.presenterLayout = layout;
    this.save();
  }

  larger(): void {
    this.setScale(SCALES[Math.min(this.scaleIndex + 1, SCALES.length - 1)]);
  }

  smaller(): void {
    this.setScale(SCALES[Math.max(this.scaleIndex - 1, 0)]);
  }

  resetScale(): void {
    this.setScale(1);
  }

  setTerminalFraction(value: number): void {
    this.terminalFraction = clamp(value, 0.2, 0.8, 0.46);
    this.save();
  }

  setBottomFraction(value: number): void {
    this.bottomFraction = clamp(value, 0.12, 0.7, 0.3);
    this.save();
  }

  setDetailFraction(value: number): void {
    this.detailFraction = clamp(value, 0.15, 0.85, 0.42);
    this.save();
  }

  get canGrow(): boolean {
    return this.scaleIndex < SCALES.length - 1;
  }

  get canShrink(): boolean {
    return this.scaleIndex > 0;
  }

  private get scaleIndex(): number {
    const i = (SCALES as readonly number[]).indexOf(this.scale);
    return i < 0 ? 1 : i;
  }

  private setScale(scale: number): void {
    this.scale = scale;
    this.applyScale();
    this.save();
  }

  /** Everything is sized in rem, so the root font size scales the whole window. */
  private applyScale(): void {
    document.documentElement.style.fontSize = `${this.remPx}px`;
    document.documentElement.classList.toggle('presenter', this.presenter);
  }

  private save(): void {
    try {
      const view: SavedView = {
        scale: this.scale,
        terminalFraction: this.terminalFraction,
        bottomFraction: this.bottomFraction,
        detailFraction: this.detailFraction,
        presenter: this.presenter,
        presenterLayout: this.presenterLayout,
      };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(view));
    } catch {
      // Not remembered then.
    }
  }
}

export const view = new ViewSettings();
