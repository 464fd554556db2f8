// Imports only go "down" (STYLE.md), as the rules in .dependency-cruiser.cjs say: common/ runs anywhere,
// engine/ is Node without Electron or DOM (its nodes never reach into lab/, dns/ and tools/ never
// into cli/), renderer/ is DOM without Node, electron/ is the only place that imports Electron, and
// no import cycles. dependency-cruiser checks the real tree; a small tree that breaks every rule
// shows the rules bite.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const config = join(root, '.dependency-cruiser.cjs');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

function cruise(cwd: string, folders: string[]): Promise<Violation[]> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [depcruise, ...folders, '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      // Violations make depcruise exit non-zero; the JSON report is there all the same.
      if (!stdout) return reject(new Error(`${error?.message ?? 'no output'}\n${stderr}`));
      resolvePromise((JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations);
    });
  });
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`;

describe('layering (dependency-cruiser)', () => {
  it('the tree keeps every rule', { timeout: 120_000 }, async () => {
    const folders = ['common', 'engine', 'renderer/src', 'electron', 'bin'];
    expect((await cruise(root, folders)).map(describeViolation)).toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'smtp-lab-layering-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  };

  it('refuses each kind of wrong import', { timeout: 120_000 }, async () => {
    copyFileSync(join(root, 'tsconfig.json'), join(scratch, 'tsconfig.json'));
    write('common/shared.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    write('engine/lab/lab-runtime.ts', 'export interface Service { x: number }\n');
    write('engine/nodes/receiver/mailbox.ts', "import type { Service } from '../../lab/lab-runtime.ts';\nexport const s: Service | null = null;\n");
    write('engine/cli/run-files.ts', 'export const run = 1;\n');
    write('engine/dns/lab/cli-dns.ts', "import { run } from '../../cli/run-files.ts';\nexport const r = run;\n");
    write('engine/tools/install-tools.ts', "import { run } from '../cli/run-files.ts';\nexport const t = run;\n");
    write('engine/trace/a.ts', "import type { B } from './b.ts';\nexport type A = { b?: B };\n");
    write('engine/trace/b.ts', "import type { A } from './a.ts';\nexport type B = { a?: A };\n");
    write('engine/api/page.ts', "import { x } from '../../renderer/src/view.ts';\nexport const y = x;\n");
    write('renderer/src/view.ts', "import { readFileSync } from 'node:fs';\nimport { run } from '../../engine/cli/run-files.ts';\nexport const x = [readFileSync, run];\n");
    const found = new Set((await cruise(scratch, ['common', 'engine', 'renderer'])).map((v) => `${v.rule.name}: ${v.from}`));
    expect([...found].sort()).toEqual(
      [
        'common-stands-alone: common/shared.ts',
        'dns-not-cli: engine/dns/lab/cli-dns.ts',
        'engine-no-electron-no-dom: engine/api/page.ts',
        'no-cycles: engine/trace/a.ts',
        'nodes-not-lab: engine/nodes/receiver/mailbox.ts',
        'renderer-no-node-builtins: renderer/src/view.ts',
        'renderer-no-node: renderer/src/view.ts',
        'tools-not-cli: engine/tools/install-tools.ts',
      ].sort(),
    );
  });
});
