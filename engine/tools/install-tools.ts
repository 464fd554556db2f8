// The learner's lab tools (`smtp`, `lab`, `labdig`, `smtp-lab`) as tiny executables in a folder that the lab
// terminal puts first on PATH. They run this checkout's CLI with the Node that runs the lab. Which
// tools there are is the CLI's to say (engine/cli/learner-tools.ts).
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../bin/smtp-lab.js', import.meta.url));

/** Tool name -> the smtp-lab arguments it stands for. */
export type TerminalTools = Record<string, string[]>;

export interface InstallToolsOptions {
  nodePath?: string;
  cliPath?: string;
  platform?: NodeJS.Platform;
  /** The "node" is Electron's binary (the desktop app runs the engine with it): run it as Node. */
  electronAsNode?: boolean;
}

/** Writes the tools into <dataDir>/tools/bin and returns that folder. */
export function installTools(dataDir: string, tools: TerminalTools, options: InstallToolsOptions = {}): string {
  const { nodePath = process.execPath, cliPath = CLI_PATH, platform = process.platform } = options;
  const electronAsNode = options.electronAsNode ?? Boolean(process.versions.electron);
  const binDir = join(dataDir, 'tools', 'bin');
  // The folder is on the lab terminal's PATH: only its owner may put programs there, whatever the
  // umask was or whoever made the folder before (mkdir's mode leaves existing folders alone).
  for (const dir of [join(dataDir, 'tools'), binDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    if (platform !== 'win32') chmodSync(dir, 0o755);
  }
  for (const [name, args] of Object.entries(tools)) {
    if (platform === 'win32') {
      writeAtomically(join(binDir, `${name}.cmd`), cmdScript(nodePath, cliPath, args, electronAsNode), 0o644);
    } else {
      writeAtomically(join(binDir, name), shScript(nodePath, cliPath, args, electronAsNode), 0o755);
    }
  }
  return binDir;
}

export function shScript(nodePath: string, cliPath: string, args: string[], electronAsNode = false): string {
  const env = electronAsNode ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  return `#!/bin/sh\n${env}exec ${[nodePath, cliPath, ...args].map(shQuote).join(' ')} "$@"\n`;
}

export function cmdScript(nodePath: string, cliPath: string, args: string[], electronAsNode = false): string {
  const env = electronAsNode ? 'set ELECTRON_RUN_AS_NODE=1\r\n' : '';
  return `@echo off\r\nsetlocal\r\n${env}${[nodePath, cliPath, ...args].map((a) => `"${a}"`).join(' ')} %*\r\n`;
}

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Two labs may install at once: each writes a temporary file and renames it into place. */
function writeAtomically(path: string, content: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}
