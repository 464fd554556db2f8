// `npm run bench`: builds the engine, runs every bench/*.bench.ts in its own process one after
// another (so figures do not disturb each other), and writes what they recorded to
// bench/results.json and, as a table with the goals, to docs/benchmarks.md. Figures are medians
// of repeated runs, all from one run on one machine. `npm run bench -- dns relay` runs some only
// (and writes no files).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEngine } from '../bin/build-engine.js';
import { benchmarksMarkdown, type Results } from './results-table.ts';

const dir = import.meta.dirname;
const root = join(dir, '..');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

await buildEngine();
const scratch = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-record-'));
const recordFile = join(scratch, 'figures.jsonl');
writeFileSync(recordFile, '');

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', env: { ...process.env, SMTP_LAB_BENCH_RECORD: recordFile } });
  if (result.status !== 0) failed++;
}

if (only.length === 0) {
  const results: Results = {
    machine: { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: `${process.platform}-${process.arch}` },
  };
  for (const line of readFileSync(recordFile, 'utf8').split('\n').filter(Boolean)) {
    const { key, value } = JSON.parse(line) as { key: string; value: unknown };
    const path = key.split('.');
    let at = results as Record<string, unknown>;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = value;
  }
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(root, 'docs', 'benchmarks.md'), benchmarksMarkdown(results));
  console.log('\nwrote bench/results.json and docs/benchmarks.md');
}
rmSync(scratch, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
