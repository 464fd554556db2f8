// The whole matrix from real runs (docs/matrix.md): the table the source material draws comes out
// of the labs, every cell's run is kept and opens its trace, and the reason quotes that trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatrixReport } from '../../../common/matrix.ts';
import { runMatrix } from '../../../engine/matrix/run-matrix.ts';
import { RunStore } from '../../../engine/matrix/run-store.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-matrix-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let report: Promise<MatrixReport> | null = null;
const matrix = () => (report ??= runMatrix({ dataDir, concurrency: 8 }));
const row = (r: MatrixReport, attack: string, list = r.cells) => r.defenses.map((d) => list.find((c) => c.attack === attack && c.defense === d.id)!.result).join(' ');

describe('smtp-lab matrix', () => {
  it('reproduces the source material\'s table from the runs', { timeout: 120_000 }, async () => {
    const r = await matrix();
    expect(r.defenses.map((d) => d.id)).toEqual(['none', 'starttls', 'mta-sts', 'dnssec', 'dane', 'mta-sts-testing', 'requiretls']);
    expect(r.attacks.map((a) => a.id)).toEqual(['eavesdrop', 'strip-starttls', 'tls-downgrade', 'fake-certificate', 'spoofed-receiver']);
    expect(r.cells).toHaveLength(35);
    //                                           none starttls mta-sts dnssec dane testing requiretls
    expect(row(r, 'eavesdrop')).toBe(           '× ○ ○ ○ ○ ○ ○');
    expect(row(r, 'strip-starttls')).toBe(      '× × ○ × ○ × ○');
    expect(row(r, 'tls-downgrade')).toBe(       '- × ○ × △ × ○');
    expect(row(r, 'fake-certificate')).toBe(    '- × × × ○ × ×');
    expect(row(r, 'spoofed-receiver')).toBe(    '× × △ ○ ○ × ○');
    // The second runs: MTA-STS stops a self-signed certificate, and on first contact it stops no spoofed receiver.
    expect(row(r, 'fake-certificate', r.variants.filter((c) => c.variant === 'self-signed'))).toBe('- × ○ × ○ × ○');
    expect(row(r, 'spoofed-receiver', r.variants.filter((c) => c.variant === 'first-contact'))).toBe('× × × ○ ○ × ○');
  });

  it('keeps every cell\'s run: its id opens the trace the reason quotes', { timeout: 120_000 }, async () => {
    const r = await matrix();
    const store = new RunStore(dataDir);
    for (const cell of [...r.cells, ...r.variants]) {
      const run = await store.load(cell.run);
      expect(run, cell.run).not.toBeNull();
      if (cell.evidence) expect(run!.trace.find((e) => e.seq === cell.evidence!.seq)?.summary).toBe(cell.evidence.summary);
      expect(cell.reason).toMatch(/^(Safe|Not safe|Not affected)/);
    }
    const downgrade = r.cells.find((c) => c.attack === 'tls-downgrade' && c.defense === 'dane')!;
    expect(downgrade.reason).toContain('TLSv1');
    expect((await store.load(downgrade.run))!.outcome).toMatchObject({ delivered: true, tls: { version: 'TLSv1', authenticated: 'dane', authenticationRequired: true } });
  });
});
