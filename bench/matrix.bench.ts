// `smtp-lab matrix`: every attack against every sender configuration, each cell a real run. Whole
// processes, wall-clock seconds, in a data directory of their own: the first run makes the lab's
// keys and certificates there (as a learner's first matrix does), the next ones find them and give
// the median. The load average goes with the figure: on two shared cores it moves it a lot.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { record } from './measure.ts';

const REPEATS = 5;
const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'engine', 'cli', 'commands', 'matrix.ts'))) {
  console.log('matrix: skipped, there is no smtp-lab matrix command');
  record('matrixSeconds', null);
  record('notes.matrixSeconds', 'no smtp-lab matrix command');
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-matrix-'));
  const once = (): { seconds: number; runs: number; elapsedMs: number } => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'bin', 'smtp-lab.js'), 'matrix', '--json'], { env: { ...process.env, SMTP_LAB_DATA: dataDir }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = (performance.now() - start) / 1000;
    if (result.status !== 0) throw new Error(`smtp-lab matrix failed (${result.status}): ${result.stderr}`);
    const report = JSON.parse(result.stdout) as { runs: number; elapsedMs: number };
    return { seconds, runs: report.runs, elapsedMs: report.elapsedMs };
  };
  try {
    const load = () => loadavg()[0].toFixed(1);
    const first = once();
    console.log(`${'smtp-lab matrix --json, first run (makes keys)'.padEnd(48)} ${first.seconds.toFixed(2).padStart(9)} s  (${first.runs} runs, load ${load()})`);
    const loadBefore = load();
    const later = Array.from({ length: REPEATS }, once);
    const seconds = later.map((r) => r.seconds).sort((a, b) => a - b);
    const inside = later.map((r) => r.elapsedMs / 1000).sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
    const loads = `load average ${loadBefore} → ${load()} on ${availableParallelism()} cores`;
    console.log(`${'smtp-lab matrix --json, keys made'.padEnd(48)} median ${median(seconds).toFixed(2).padStart(6)} s  min ${seconds[0].toFixed(2)} s  max ${seconds.at(-1)!.toFixed(2)} s  n=${REPEATS}  (${later[0].runs} runs; ${loads})`);
    console.log(`${'  of which the matrix itself (elapsedMs)'.padEnd(48)} median ${median(inside).toFixed(2).padStart(6)} s  min ${inside[0].toFixed(2)} s`);
    record('matrixSeconds', median(seconds));
    record('matrixRunSeconds', median(inside));
    record('matrixFirstSeconds', first.seconds);
    record('notes.matrixSeconds', `${later[0].runs} runs; ${loads}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
