#!/usr/bin/env node
// `npm run package`: the desktop app as a folder per platform (dist/desktop/), made by
// @electron/packager from the built renderer, the bundled shell and the engine's sources with
// their production dependencies. The packager needs the Electron release for the target platform:
// where it cannot be had (no electron package, no download), this says so and stops.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = join(root, 'dist', 'desktop');

/** Errors of @electron/get that mean "the release could not be fetched", not a bug. */
const UNREACHABLE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|HTTPError|Response code 4\d\d|Response code 5\d\d|getaddrinfo|socket hang up|self[- ]signed|certificate/i;

function stop(message) {
  console.error(message);
  process.exit(2);
}

function installedElectronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const electronVersion = installedElectronVersion();
if (!electronVersion) {
  stop(
    'Cannot package the desktop app: the electron package is not installed. npm leaves it out when its ' +
      'binary cannot be downloaded (it is an optional dependency). Install it where the Electron release ' +
      'can be fetched (npm install), then run npm run package again.',
  );
}

let packager;
try {
  ({ packager } = await import('@electron/packager'));
} catch {
  stop('Cannot package the desktop app: @electron/packager is not installed (npm install, with dev dependencies).');
}

console.log('Building the renderer and the desktop shell...');
const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (vite.status !== 0) process.exit(vite.status ?? 1);
await buildElectron();

console.log(`Packaging with Electron ${electronVersion} for ${process.platform}-${process.arch} into dist/desktop/...`);
try {
  const folders = await packager({
    dir: root,
    out,
    name: 'SMTP Lab',
    executableName: 'smtp-lab',
    electronVersion,
    platform: process.platform,
    arch: process.arch,
    overwrite: true,
    prune: true,
    // The engine spawns Node on bin/smtp-lab.js and loads a native module (the terminal): plain files.
    asar: false,
    quiet: true,
    ignore: [
      /^\/(test|docs|bench|\.ci|renderer|test-results|playwright-report|\.lab-data|\.git)(\/|$)/,
      /^\/dist\/desktop(\/|$)/,
      /^\/electron\/(types\/|[^/]+\.ts$|tsconfig\.json$)/,
      /\.map$/,
    ],
  });
  for (const folder of folders) console.log(`Desktop app: ${folder}`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.test(message) || /download/i.test(message)) {
    stop(
      `Cannot package the desktop app: the Electron ${electronVersion} release for ${process.platform}-${process.arch} ` +
        `could not be downloaded here (${message.split('\n')[0]}). Run npm run package on a machine that can ` +
        'download Electron releases, or point ELECTRON_MIRROR at a mirror that has them.',
    );
  }
  throw error;
}
