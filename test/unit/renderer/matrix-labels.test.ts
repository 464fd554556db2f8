import { describe, expect, it } from 'vitest';
import { labelParts } from '../../../renderer/src/lib/matrix-labels.ts';

describe('labelParts', () => {
  it('cuts a label only before its bracketed qualifier, remembering the space', () => {
    expect(labelParts('MTA-STS (enforce)')).toEqual([
      { text: 'MTA-STS', spaced: false },
      { text: '(enforce)', spaced: true },
    ]);
    expect(labelParts('受信サーバーのなりすまし（DNS）')).toEqual([
      { text: '受信サーバーのなりすまし', spaced: false },
      { text: '（DNS）', spaced: false },
    ]);
  });

  it('keeps a label without a bracket whole, spaces and all', () => {
    expect(labelParts('STARTTLS stripping')).toEqual([{ text: 'STARTTLS stripping', spaced: false }]);
    expect(labelParts('REQUIRETLS')).toEqual([{ text: 'REQUIRETLS', spaced: false }]);
  });
});
