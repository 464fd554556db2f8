// The matrix is decided by the code under test, not written down: with DANE's certificate match
// turned off (every chain "matches" its TLSA records), the DANE column no longer stops the
// misissued certificate, and the cell says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { text } from '../../../common/i18n/text.ts';

vi.mock('../../../engine/policy/dane/chain-match.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../engine/policy/dane/chain-match.ts')>();
  return {
    ...real,
    matchChain: (input: Parameters<typeof real.matchChain>[0]) => {
      const record = input.records[0];
      return record ? { matched: true, record, rule: 'RFC 7672 §3', reason: 'check turned off', reasonText: text('daneMatch.eeMatches', { record: 'check turned off', describe: 'any certificate' }) } : real.matchChain(input);
    },
  };
});

const { runMatrix } = await import('../../../engine/matrix/run-matrix.ts');

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-matrix-off-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the matrix with DANE\'s certificate match turned off', () => {
  it('turns DANE × fake-certificate from ○ into ×', { timeout: 60_000 }, async () => {
    const r = await runMatrix({ dataDir, only: { attacks: ['fake-certificate'], defenses: ['dane'], variants: false } });
    expect(r.cells).toEqual([expect.objectContaining({ attack: 'fake-certificate', defense: 'dane', result: '×', why: 'read' })]);
  });
});
