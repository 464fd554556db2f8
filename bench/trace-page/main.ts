// The renderer's own trace ladder and store, filled from events.json (real lab events, repeated to
// 100,000 by bench/trace.bench.ts), for measuring render, scroll, filter and heap in Chromium.
import { mount, tick } from 'svelte';
import '../../renderer/src/app.css';
import TraceLadder from '../../renderer/src/components/TraceLadder.svelte';
import { TraceStore } from '../../renderer/src/lib/trace-store.svelte.ts';
import type { TraceEvent, TraceLayer } from '../../common/trace.ts';

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function run() {
  const events = (await (await fetch('./events.json')).json()) as TraceEvent[];
  const store = new TraceStore();
  const start = performance.now();
  store.reset(events);
  mount(TraceLadder, { target: document.getElementById('app')!, props: { store } });
  await tick();
  await frame();
  await frame();
  const renderMs = performance.now() - start;
  // Rows the virtualised ladder actually drew.
  const rows = document.querySelector('.scroller .window')?.children.length ?? 0;

  /** Scrolls the ladder by `step` px a frame for `ms`; returns the frame times. */
  async function scroll(ms: number, step: number): Promise<number[]> {
    const scroller = document.querySelector<HTMLElement>('.scroller')!;
    const times: number[] = [];
    let last = await frame();
    const end = last + ms;
    while (last < end) {
      scroller.scrollTop += step;
      const now = await frame();
      times.push(now - last);
      last = now;
    }
    return times;
  }

  async function filter(layer: TraceLayer): Promise<number> {
    const t0 = performance.now();
    store.hidden = new Set([layer]);
    await tick();
    await frame();
    const ms = performance.now() - t0;
    store.hidden = new Set();
    await tick();
    await frame();
    return ms;
  }

  (window as unknown as { bench: unknown }).bench = { renderMs, rows, events: store.events.length, scroll, filter };
}

void run();
