import { describe, expect, it } from 'vitest';
import { firstSeqOfFlow } from '../../../renderer/src/lib/trace-flow.ts';

describe('finding a connection in the trace', () => {
  const rows = [
    { seq: 3, flow: 'f1' },
    { seq: 4, flow: 'f2' },
    { seq: 7, flow: 'f1' },
    { seq: 9, flow: 'f2' },
  ];

  it('gives the first row of the flow', () => {
    expect(firstSeqOfFlow(rows, 'f2')).toBe(4);
    expect(firstSeqOfFlow(rows, 'f1')).toBe(3);
  });

  it('gives null for a flow with no rows', () => {
    expect(firstSeqOfFlow(rows, 'f9')).toBeNull();
    expect(firstSeqOfFlow([], 'f1')).toBeNull();
  });
});
