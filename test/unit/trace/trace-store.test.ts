import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { FlowIdAllocator } from '../../../engine/trace/flow-ids.ts';
import { TraceStore, type TraceEventInput } from '../../../engine/trace/trace-store.ts';

const note = (summary: string): TraceEventInput => ({
  flow: 'f1',
  link: { from: 'terminal', to: 'mx.example.jp', port: 25 },
  layer: 'note',
  dir: 'none',
  summary,
  visibility: 'plaintext',
});

describe('TraceStore', () => {
  it('numbers events strictly increasing and times them from the lab start', async () => {
    const store = new TraceStore({ startedAt: performance.now() });
    const a = store.emit(note('a'));
    await new Promise((r) => setTimeout(r, 15));
    const b = store.emit(note('b'));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.t).toBeGreaterThanOrEqual(0);
    expect(b.t - a.t).toBeGreaterThanOrEqual(10);
    expect(store.all().map((e) => e.summary)).toEqual(['a', 'b']);
  });

  it('tells subscribers about every new event in order, until they unsubscribe', () => {
    const store = new TraceStore();
    const seen: TraceEvent[] = [];
    const stop = store.subscribe((e) => seen.push(e));
    store.emit(note('one'));
    store.emit(note('two'));
    stop();
    store.emit(note('three'));
    expect(seen.map((e) => e.summary)).toEqual(['one', 'two']);
  });

  it('keeps emitting when a subscriber throws', () => {
    const store = new TraceStore();
    const seen: string[] = [];
    const quiet = console.error;
    console.error = () => {};
    try {
      store.subscribe(() => {
        throw new Error('broken listener');
      });
      store.subscribe((e) => seen.push(e.summary));
      store.emit(note('still here'));
    } finally {
      console.error = quiet;
    }
    expect(seen).toEqual(['still here']);
  });

  it('drops the oldest events beyond its bound', () => {
    const store = new TraceStore({ maxEvents: 1000 });
    for (let i = 1; i <= 5000; i++) store.emit(note(`e${i}`));
    const all = store.all();
    expect(all).toHaveLength(1000);
    expect(all[0].summary).toBe('e4001');
    expect(all[999].summary).toBe('e5000');
    expect(store.size).toBe(1000);
  });

  it('clears the events, tells clear listeners, and keeps seq increasing', () => {
    const store = new TraceStore();
    let cleared = 0;
    store.onCleared(() => cleared++);
    store.emit(note('before'));
    store.clear();
    expect(store.all()).toEqual([]);
    expect(cleared).toBe(1);
    expect(store.emit(note('after')).seq).toBe(2);
  });
});

describe('FlowIdAllocator', () => {
  it('hands out f1, f2, ...', () => {
    const flows = new FlowIdAllocator();
    expect([flows.next(), flows.next(), flows.next()]).toEqual(['f1', 'f2', 'f3']);
  });
});
