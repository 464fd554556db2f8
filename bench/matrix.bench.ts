// `smtp-lab matrix`: every attack against every sender configuration, each cell a real run. One run,
// wall-clock seconds, in a data directory of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { record } from './measure.ts';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'engine', 'cli', 'commands', 'matrix.ts'))) {
  console.log('matrix: skipped, there is no smtp-lab matrix command');
  record('matrixSeconds', null);
  record('notes.matrixSeconds', 'no smtp-lab matrix command');
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-matrix-'));
  try {
    const start = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'bin', 'smtp-lab.js'), 'matrix', '--json'], { env: { ...process.env, SMTP_LAB_DATA: dataDir }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = (performance.now() - start) / 1000;
    if (result.status !== 0 && !result.stdout) throw new Error(`smtp-lab matrix failed (${result.status}): ${result.stderr}`);
    console.log(`${'smtp-lab matrix --json (one run)'.padEnd(48)} ${seconds.toFixed(1).padStart(9)} s`);
    record('matrixSeconds', seconds);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
