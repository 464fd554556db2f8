import { describe, expect, it } from 'vitest';
import { wrappedRows } from '../../../renderer/src/lib/wrapped-rows.ts';

describe('wrappedRows', () => {
  it('fills a row before starting the next, counting the gaps between items', () => {
    expect(wrappedRows([100, 100, 100], 10, 320)).toBe(1);
    expect(wrappedRows([100, 100, 100], 10, 319)).toBe(2);
    expect(wrappedRows([100, 100, 100], 10, 209)).toBe(3);
  });

  it('starts a new row for an item wider than the rest of the row, not for a gap alone', () => {
    expect(wrappedRows([150, 100, 150, 100], 10, 260)).toBe(2);
    expect(wrappedRows([150, 200, 50], 10, 260)).toBe(2);
  });

  it('gives an item wider than the whole row a row of its own', () => {
    expect(wrappedRows([50, 400, 50], 10, 200)).toBe(3);
  });

  it('tolerates the half pixel a browser rounds away', () => {
    expect(wrappedRows([100.3, 100.3], 0, 200.4)).toBe(1);
  });

  it('fills no row with no items', () => {
    expect(wrappedRows([], 10, 100)).toBe(0);
  });
});
