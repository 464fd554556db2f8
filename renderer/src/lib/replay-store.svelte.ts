// The trace pane's replay: a copy of the trace played back event by event. Its own TraceStore
// (`view`) holds the events up to the cursor with the current one selected, so the ladder and the
// detail/hex view follow; the attacker's knowledge is derived at the cursor (replay.ts).

import type { TraceEvent } from '../../../common/trace.ts';
import { knowledgeAt, moveCursor, replayDelay, type ReplaySpeed } from './replay.ts';
import { TraceStore } from './trace-store.svelte.ts';

export class ReplayStore {
  active = $state(false);
  events = $state.raw<TraceEvent[]>([]);
  /** Index of the event under the cursor; -1 before the first. */
  index = $state(-1);
  playing = $state(false);
  speed = $state<ReplaySpeed>(1);
  readonly view = new TraceStore();

  knowledge = $derived(knowledgeAt(this.events, this.index));
  current = $derived(this.events[this.index] ?? null);

  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Starts a replay of these events (a copy: the live trace goes on meanwhile), paused on the first. */
  start(events: readonly TraceEvent[]): void {
    this.pause();
    this.events = events.slice();
    this.active = true;
    this.seek(this.events.length > 0 ? 0 : -1);
  }

  stop(): void {
    this.pause();
    this.active = false;
    this.events = [];
    this.index = -1;
    this.view.reset([]);
  }

  seek(index: number): void {
    this.index = moveCursor(index, 0, this.events.length);
    this.view.reset(this.events.slice(0, this.index + 1));
    this.view.select(this.current?.seq ?? null);
    this.view.revealed++;
  }

  /** One event on or back; stops playing, as a presenter stepping by hand expects. */
  step(delta: number): void {
    this.pause();
    this.seek(moveCursor(this.index, delta, this.events.length));
  }

  play(): void {
    if (!this.active || this.events.length === 0) return;
    if (this.index >= this.events.length - 1) this.seek(0);
    this.playing = true;
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  setSpeed(speed: ReplaySpeed): void {
    this.speed = speed;
    if (this.playing) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.playing) return;
      if (this.index >= this.events.length - 1) return this.pause();
      this.seek(this.index + 1);
      this.schedule();
    }, replayDelay(this.events, this.index, this.speed));
  }
}

export const replay = new ReplayStore();
