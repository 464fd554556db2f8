// Imports only go "down" (STYLE.md): common/ runs anywhere, engine/ is Node without Electron or DOM,
// renderer/ is DOM without Node, electron/ is the only place that imports Electron.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|svelte|js)$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The top-level folder a relative import lands in, or the package name. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier.startsWith('node:') ? 'node:' : specifier.split('/')[0];
  const landed = relative(root, resolve(root, file, '..', specifier));
  return landed.split('/')[0] + '/';
}

const rules: Record<string, (t: string) => boolean> = {
  'common/': (t) => t === 'common/',
  'engine/': (t) => t !== 'electron' && t !== 'renderer/' && t !== 'electron/',
  'renderer/': (t) => t !== 'node:' && t !== 'engine/' && t !== 'electron' && t !== 'electron/' && t !== 'bin/',
};

describe('layering', () => {
  for (const [layer, allowed] of Object.entries(rules)) {
    it(`${layer} imports only what its layer may use`, () => {
      const wrong = sourceFiles(layer.slice(0, -1)).flatMap((file) =>
        importsOf(file)
          .filter((s) => !allowed(target(file, s)))
          .map((s) => `${file} imports ${s}`),
      );
      expect(wrong).toEqual([]);
    });
  }
});
