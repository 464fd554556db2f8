#!/usr/bin/env node
// Builds the desktop shell: electron/main.ts and electron/preload.ts, each bundled with the common/
// code it uses into one CommonJS file in electron/dist/ (a sandboxed preload can require nothing
// but 'electron'). Type-checking is `tsc -p electron/tsconfig.json` (npm run typecheck).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild's options for the two bundles. */
export function buildOptions() {
  return {
    entryPoints: [join(root, 'electron', 'main.ts'), join(root, 'electron', 'preload.ts')],
    outdir: join(root, 'electron', 'dist'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Electron 41's own Node and Chromium are newer than these floors.
    target: ['node22', 'chrome130'],
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  };
}

export async function buildElectron() {
  await build(buildOptions());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildElectron();
