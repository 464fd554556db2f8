#!/usr/bin/env node
// Builds the engine's CLI ahead of time (npm install runs it through `prepare`), so `smtp-lab`,
// and the learner's `smtp`, `lab` and `labdig`, start as plain JavaScript instead of compiling
// TypeScript at every start. Each command is its own entry, and code they share goes into chunks
// loaded on demand: a command loads what it imports and nothing else. dist/cli/commands.json holds
// every command's one-line summary, so `smtp-lab help` loads no command at all. dist/cli/content-cache.json
// holds the labs and scenarios already parsed and validated (engine/scenario/content-cache.ts).
//
// Every output file sits directly in dist/cli/, two folders below the root as engine/<area>/*.ts
// are, so paths the engine finds from import.meta.url (labs/, scenarios/, dist/renderer/,
// bin/smtp-lab.js) resolve the same from the build. npm packages stay in node_modules.
//
// dist/cli/build-info.json lists the source files that went into the build with the time it was
// made; bin/smtp-lab.js runs the sources instead when one of them (or the commands folder) changed
// since, so an edit is never run stale.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist', 'cli');
const COMMANDS_DIR = join(root, 'engine', 'cli', 'commands');
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

function commandNames() {
  return readdirSync(COMMANDS_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -3))
    .filter((name) => COMMAND_NAME.test(name))
    .sort();
}

/** esbuild's options: main and one entry per command, ES modules with shared chunks. */
export function buildOptions(names = commandNames(), outDir = OUT_DIR) {
  const entryPoints = { main: join(root, 'engine', 'cli', 'main.ts') };
  for (const name of names) entryPoints[`command-${name}`] = join(COMMANDS_DIR, `${name}.ts`);
  entryPoints['content-cache-build'] = join(root, 'engine', 'course', 'content-cache-build.ts');
  return {
    entryPoints,
    outdir: outDir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}

/** Builds into outDir, which must be two folders below the root (see above). */
export async function buildEngine(outDir = OUT_DIR) {
  if (relative(root, outDir).split(/[\\/]/).length !== 2) throw new Error(`${outDir}: the build must sit two folders below ${root}`);
  const builtAt = Date.now();
  const names = commandNames();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build(buildOptions(names, outDir));
  const summaries = {};
  for (const name of names) {
    const command = await import(pathToFileURL(join(outDir, `command-${name}.js`)).href);
    summaries[name] = typeof command.summary === 'string' ? command.summary : '';
  }
  writeFileSync(join(outDir, 'commands.json'), `${JSON.stringify(summaries, null, 2)}\n`);
  const { buildContentCache } = await import(pathToFileURL(join(outDir, 'content-cache-build.js')).href);
  writeFileSync(join(outDir, 'content-cache.json'), JSON.stringify(buildContentCache(root)));
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/'));
  const info = { builtAt, inputs: inputs.map((path) => relative(root, join(root, path))), dirs: [relative(root, COMMANDS_DIR)] };
  writeFileSync(join(outDir, 'build-info.json'), `${JSON.stringify(info)}\n`);
  return info;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildEngine();
