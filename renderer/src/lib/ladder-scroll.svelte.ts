// Scrolling of the trace ladder: which rows are in the DOM, and following the newest one.
import { isAtBottom, visibleWindow, type RowWindow } from './windowing.ts';

/** Rows kept in the DOM beyond the viewport, each side, once the trace is long. */
const OVERSCAN = 30;
/** A short trace (one typed session) is rendered whole: cheap, and every row stays findable. */
const RENDER_ALL_BELOW = 300;

export class LadderScroll {
  #scroller: HTMLElement | undefined;
  #rowCount: () => number;
  #rowHeight: () => number;

  scrollTop = $state(0);
  /** How far the rows are scrolled sideways (many columns in a narrow pane): the header and lifelines follow. */
  scrollLeft = $state(0);
  viewportHeight = $state(0);
  /** Width of the rows' scrollbar, so the header and lifelines line up with the rows. */
  scrollbarWidth = $state(0);
  /** Follow the newest row unless the learner scrolled up. */
  follow = $state(true);

  readonly range: RowWindow = $derived.by(() => {
    const count = this.#rowCount();
    if (count <= RENDER_ALL_BELOW) return { start: 0, end: count };
    return visibleWindow(this.scrollTop, this.viewportHeight, this.#rowHeight(), count, OVERSCAN);
  });

  /** Must be created while a component initialises: it follows new rows with an effect. */
  constructor(rowCount: () => number, rowHeight: () => number) {
    this.#rowCount = rowCount;
    this.#rowHeight = rowHeight;

    // New rows: stay at the bottom when following.
    $effect(() => {
      void this.#rowCount();
      void this.#rowHeight();
      this.#measure();
      const scroller = this.#scroller;
      if (this.follow && scroller) {
        scroller.scrollTop = scroller.scrollHeight;
        this.scrollTop = scroller.scrollTop;
      }
    });
  }

  /** Attachment for the scrolling element. */
  readonly attach = (scroller: HTMLElement) => {
    this.#scroller = scroller;
    const observer = new ResizeObserver(() => {
      this.#measure();
      if (this.follow) scroller.scrollTop = scroller.scrollHeight;
    });
    observer.observe(scroller);
    return () => observer.disconnect();
  };

  readonly onScroll = () => {
    const scroller = this.#scroller!;
    const moved = scroller.scrollTop !== this.scrollTop;
    this.scrollTop = scroller.scrollTop;
    this.scrollLeft = scroller.scrollLeft;
    // The box got shorter (a taller header, a sideways scrollbar) and the browser moved the rows:
    // not the learner leaving the newest row.
    if (scroller.clientHeight !== this.viewportHeight) {
      this.#measure();
      if (this.follow) scroller.scrollTop = scroller.scrollHeight;
      return;
    }
    if (moved) this.follow = isAtBottom(scroller.scrollTop, scroller.clientHeight, scroller.scrollHeight, this.#rowHeight() / 2);
  };

  readonly toLatest = () => {
    const scroller = this.#scroller!;
    this.follow = true;
    scroller.scrollTop = scroller.scrollHeight;
  };

  /** Brings a row picked from elsewhere into view, a third of the way down, and stops following. */
  reveal(index: number) {
    const scroller = this.#scroller;
    if (!scroller) return;
    this.follow = false;
    scroller.scrollTop = Math.max(0, index * this.#rowHeight() - scroller.clientHeight / 3);
    this.scrollTop = scroller.scrollTop;
  }

  /** Scrolls just enough to show a row moved to with the keyboard; following resumes on the last row. */
  keepInView(index: number) {
    const scroller = this.#scroller!;
    const rowHeight = this.#rowHeight();
    const top = index * rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    this.follow = index === this.#rowCount() - 1;
  }

  #measure() {
    const scroller = this.#scroller;
    if (!scroller) return;
    this.viewportHeight = scroller.clientHeight;
    this.scrollbarWidth = scroller.offsetWidth - scroller.clientWidth;
  }
}
