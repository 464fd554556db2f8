// One lab terminal: the user's shell in a pty, with the flow control of the xterm.js guide
// (https://xtermjs.org/docs/guides/flowcontrol/): the pty pauses while too much output is
// unacknowledged by the renderer and resumes once the renderer has caught up. The price: when a
// shell exits while paused, Linux may drop what is left in the pty buffer, i.e. at most the last
// few KB of a session that is ending anyway.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import type * as NodePty from '@lydell/node-pty';
import { terminalEnv, userShell } from './shell.ts';

// The native module is loaded with the first terminal, not when the lab starts.
const loadNodePty = (): typeof NodePty => createRequire(import.meta.url)('@lydell/node-pty');

/** Characters of output (as `data.length` counts them) the renderer may have unacknowledged. */
export const HIGH_WATERMARK = 128 * 1024;
export const LOW_WATERMARK = 16 * 1024;

export interface PtyListeners {
  data(data: string): void;
  exit(exitCode: number, signal?: number): void;
}

export interface PtySpawnOptions {
  cols: number;
  rows: number;
  toolsDir: string;
  runFile: string;
  env?: NodeJS.ProcessEnv;
  /** The UI's language, kept in a file the shell's lab tools read at each command (setLocale changes it). */
  locale?: 'ja' | 'en';
  cwd?: string;
  /** Overrides the user's shell (tests). */
  shell?: { file: string; args: string[] };
}

export class PtySession {
  private readonly pty: NodePty.IPty;
  private unacknowledged = 0;
  private paused = false;
  private exited = false;
  /** Where the shell's lab tools find the UI's language (SMTP_LAB_LANG_FILE), when the UI gave one. */
  private readonly langFile: string | null;

  constructor(
    readonly id: number,
    options: PtySpawnOptions,
    listeners: PtyListeners,
  ) {
    const shell = options.shell ?? userShell(options.env);
    this.langFile = options.locale ? `${options.runFile}.terminal-${id}.lang` : null;
    if (options.locale) this.setLocale(options.locale);
    this.pty = loadNodePty().spawn(shell.file, shell.args, {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd ?? homedir(),
      env: terminalEnv(options.env ?? process.env, options.toolsDir, options.runFile, this.langFile ?? undefined),
    });
    this.pty.onData((data) => {
      this.unacknowledged += data.length;
      if (!this.paused && this.unacknowledged > HIGH_WATERMARK) {
        this.paused = true;
        this.pty.pause();
      }
      listeners.data(data);
    });
    this.pty.onExit(({ exitCode, signal }) => {
      this.exited = true;
      this.removeLangFile();
      listeners.exit(exitCode, signal || undefined);
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  write(data: string): void {
    if (!this.exited) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.exited) this.pty.resize(cols, rows);
  }

  /** The renderer has written `count` more characters of output to its terminal. */
  ack(count: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - count);
    if (this.paused && this.unacknowledged < LOW_WATERMARK) {
      this.paused = false;
      if (!this.exited) this.pty.resume();
    }
  }

  /** The UI's language changed: the next `lab`, `smtp`, `labdig` in this shell speaks it. */
  setLocale(locale: 'ja' | 'en'): void {
    if (!this.langFile || this.exited) return;
    // Replaced whole, so a command starting at that moment reads one language or the other.
    const partial = `${this.langFile}.tmp`;
    mkdirSync(dirname(partial), { recursive: true });
    writeFileSync(partial, locale, { mode: 0o600 });
    renameSync(partial, this.langFile);
  }

  private removeLangFile(): void {
    if (this.langFile) rmSync(this.langFile, { force: true });
  }

  kill(): void {
    if (this.exited) return;
    this.exited = true;
    this.removeLangFile();
    try {
      this.pty.kill();
    } catch {
      // Already gone.
    }
  }
}
