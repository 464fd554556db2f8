import { describe, expect, it } from 'vitest';
import { OutputBatcher } from '../../../renderer/src/lib/output-batcher.ts';

function harness() {
  const frames: (() => void)[] = [];
  const writes: { data: string; done: () => void }[] = [];
  const acks: number[] = [];
  const batcher = new OutputBatcher(
    (data, done) => writes.push({ data, done }),
    (n) => acks.push(n),
    (callback) => frames.push(callback),
  );
  const frame = () => frames.splice(0).forEach((f) => f());
  return { batcher, frames, writes, acks, frame };
}

describe('terminal output batching', () => {
  it('writes everything that arrived before a frame in one call', () => {
    const h = harness();
    h.batcher.push('a');
    h.batcher.push('bc');
    h.batcher.push('');
    expect(h.frames).toHaveLength(1);
    expect(h.writes).toHaveLength(0);
    h.frame();
    expect(h.writes.map((w) => w.data)).toEqual(['abc']);
  });

  it('acknowledges the characters once the terminal has processed them', () => {
    const h = harness();
    h.batcher.push('héllo');
    h.frame();
    expect(h.acks).toEqual([]);
    h.writes[0].done();
    expect(h.acks).toEqual([5]);
    h.batcher.push('x');
    h.frame();
    h.writes[1].done();
    expect(h.acks).toEqual([5, 1]);
  });

  it('drops pending output and late acknowledgements after a reset', () => {
    const h = harness();
    h.batcher.push('old shell');
    h.frame();
    h.batcher.push('pending');
    h.batcher.reset();
    h.frame();
    h.writes[0].done();
    expect(h.writes).toHaveLength(1);
    expect(h.acks).toEqual([]);
    h.batcher.push('new');
    h.frame();
    h.writes[1].done();
    expect(h.acks).toEqual([3]);
  });
});
