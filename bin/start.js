#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is installed, else the same UI in web mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or null: `require('electron')` throws or names a missing file without it. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** A file inside an installed package, found without the package's export map. */
function packageFile(name, file) {
  try {
    return join(dirname(require.resolve(`${name}/package.json`)), file);
  } catch {
    return join(root, 'node_modules', name, file);
  }
}

function runNode(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${what} failed (exit ${result.status ?? result.signal}).`);
    return false;
  }
  return true;
}

/** Runs a child with the terminal, passes stop signals on, and exits with its code. */
function handOver(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  // Ctrl-C in a terminal reaches both processes; the child stops once, whoever tells it first.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron && existsSync(join(root, 'electron', 'main.ts'))) {
  if (runNode([join(root, 'bin', 'build-electron.js')], 'Building electron/')) {
    handOver(electron, [root]);
  } else {
    process.exit(1);
  }
} else {
  console.log(
    electron
      ? 'Electron is installed but electron/ is missing, so the lab UI is served in web mode.'
      : 'Electron was not found (its binary is not installed here), so the lab UI is served in web mode: open the URL below in a browser.',
  );
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    console.log('Building the web UI (dist/renderer)...');
    if (!runNode([packageFile('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], 'Building the web UI')) process.exit(1);
  }
  handOver(process.execPath, [join(root, 'bin', 'smtp-lab.js'), 'serve']);
}
