// electron/ must type-check where a plain `npm install` dropped the electron package (its binary
// could not be downloaded): then electron/types/electron-fallback.d.ts stands in for Electron's
// own types. This forces that case even where electron is installed, so the stand-in keeps up
// with the shell's code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

it('type-checks electron/ against the fallback declarations alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-electron-types-'));
  const project = join(dir, 'tsconfig.json');
  writeFileSync(
    project,
    JSON.stringify({
      extends: join(root, 'electron', 'tsconfig.json'),
      compilerOptions: {
        typeRoots: [join(root, 'node_modules', '@types')],
        paths: { electron: [join(root, 'electron', 'types', 'electron-fallback.d.ts')] },
      },
      include: [join(root, 'electron', '*.ts')],
    }),
  );
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project, '--noEmit', '--traceResolution'], { encoding: 'utf8' });
  const errors = tsc.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  expect(errors).toEqual([]);
  expect(tsc.status).toBe(0);
  expect(tsc.stdout).toContain("Module name 'electron' was successfully resolved to '" + join(root, 'electron', 'types', 'electron-fallback.d.ts'));
}, 60_000);
