// The trace and the mailbox are bounded by bytes, and hand out snapshots in pages.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { TraceBatcher } from '../../../engine/api/trace-batcher.ts';
import { Mailbox } from '../../../engine/nodes/receiver/mailbox.ts';
import { TraceStore } from '../../../engine/trace/trace-store.ts';
import { sampleMessage } from '../api/fake-lab.ts';

const big = (summary: string, bytes: number) => ({ flow: 'f1', link: { from: 'a', to: 'b' }, layer: 'smtp' as const, dir: 'c2s' as const, raw: 'A'.repeat(bytes), summary, visibility: 'plaintext' as const });

describe('TraceStore by bytes', () => {
  it('drops the oldest events once they hold more than maxBytes, and counts them', () => {
    const store = new TraceStore({ maxBytes: 10_000_000 });
    for (let i = 0; i < 30; i++) store.emit(big(`e${i}`, 1_000_000));
    expect(store.byteSize).toBeLessThanOrEqual(10_000_000);
    expect(store.size).toBeLessThan(10);
    expect(store.dropped).toBe(30 - store.size);
    expect(store.all().at(-1)!.summary).toBe('e29');
  });

  it('pages the newest events first, each page within its byte limit, and walks back with before', () => {
    const store = new TraceStore();
    for (let i = 0; i < 20; i++) store.emit(big(`e${i}`, 1000));
    const first = store.page({ limits: { maxBytes: 5000 } });
    expect(first.events.map((e) => e.summary)).toEqual(['e16', 'e17', 'e18', 'e19']);
    expect(first.older).toBe(16);
    const second = store.page({ before: first.events[0].seq, limits: { maxBytes: 5000 } });
    expect(second.events.at(-1)!.summary).toBe('e15');
    // An event larger than a page still comes, alone.
    store.emit(big('huge', 100_000));
    expect(store.page({ limits: { maxBytes: 5000 } }).events.map((e) => e.summary)).toEqual(['huge']);
  });
});

describe('Mailbox by bytes', () => {
  it('lets the oldest go past maxBytes, tells the drop listeners, and pages', () => {
    const mailbox = new Mailbox({ maxBytes: 50_000 });
    const dropped: string[] = [];
    mailbox.onDropped((messages) => dropped.push(...messages.map((m) => m.id)));
    for (let i = 1; i <= 10; i++) mailbox.add({ ...sampleMessage(`m${i}`, `s${i}`), text: 'x'.repeat(10_000) });
    expect(mailbox.byteSize).toBeLessThanOrEqual(50_000);
    expect(dropped).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(mailbox.list().map((m) => m.id)).toEqual(['m7', 'm8', 'm9', 'm10']);
    const page = mailbox.page({ limits: { maxBytes: 25_000 } });
    expect(page).toMatchObject({ older: 2, dropped: 6 });
    expect(page.messages.map((m) => m.id)).toEqual(['m9', 'm10']);
    expect(mailbox.page({ before: 'm9', limits: { maxBytes: 25_000 } }).messages.map((m) => m.id)).toEqual(['m7', 'm8']);
  });
});

describe('TraceBatcher by bytes', () => {
  it('flushes before a batch grows past its byte limit', () => {
    const batches: TraceEvent[][] = [];
    const batcher = new TraceBatcher((events) => batches.push(events), 1000, 256, 3_000_000);
    for (let i = 0; i < 10; i++) batcher.push({ ...big(`e${i}`, 1_000_000), seq: i + 1, t: i });
    batcher.flush();
    expect(batches.flat()).toHaveLength(10);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
  });
});
