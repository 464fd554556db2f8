// Start-up of the processes a learner waits for: a bare `node -e 0` (the floor, for the ratios),
// `smtp-lab help` (what every `lab`, `smtp`, `labdig` in the lab terminal pays before it does
// anything) and `smtp-lab serve --json` from process start to its ready line, keys cached.
// Targets (issue 18): a CLI command within 3× a bare node start, serve ready within 5×.
// The engine is built right before each series (a tree being edited makes a build stale at once,
// and bin/smtp-lab.js then runs the sources); the bench says which one ran.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildEngine } from '../bin/build-engine.js';
import { isBuildCurrent } from '../bin/build-freshness.js';
import { measure, record, report } from './measure.ts';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'bin', 'smtp-lab.js');
const RUNS = 15;

function runOk(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
}

/** Milliseconds from spawning `smtp-lab serve --json` to its ready line; the lab is stopped after. */
function serveReady(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, 'serve', '--json', '--no-open', '--port', '0'], { env: { ...process.env, SMTP_LAB_DATA: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        const ms = performance.now() - start;
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`serve exited (${code}) before it was ready: ${err}`));
    });
  });
}

const built = () => isBuildCurrent(root, join(root, 'dist', 'cli'));
const fresh = async () => {
  if (!built()) await buildEngine();
};
const node = await measure('node -e 0 (bare node start)', RUNS, () => runOk(['-e', '0']));
record('nodeStartMs', node.median);
await fresh();
const help = await measure('smtp-lab help', RUNS, () => runOk([cli, 'help']), 3 * node.median);
console.log(`  ran the build: ${built() ? 'yes' : 'no (a source changed during the series)'}`);
record('cliMs', help.median);
const fromSource = await measure('  the same from the sources (tsx)', 5, () => runOk([cli, 'help'], { ...process.env, SMTP_LAB_FROM_SOURCE: '1' }));
record('cliFromSourceMs', fromSource.median);

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-serve-'));
try {
  await fresh();
  await serveReady(dataDir); // the first start generates and caches the keys
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) samples.push(await serveReady(dataDir));
  samples.sort((a, b) => a - b);
  const figure = { name: 'smtp-lab serve --json: start to ready (keys cached)', median: samples[5], p90: samples[9], runs: 10, unit: 'ms' as const, target: 5 * node.median };
  report(figure);
  console.log(`  ran the build: ${built() ? 'yes' : 'no (a source changed during the series)'}`);
  record('coldStartMs', figure.median);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`ratios: cli ${(help.median / node.median).toFixed(1)}× node (target 3×)`);
