// One lab terminal: the user's shell in a pty, with the flow control of the xterm.js guide
// (https://xtermjs.org/docs/guides/flowcontrol/): the pty pauses while too much output is
// unacknowledged by the renderer and resumes once the renderer has caught up. The price: when a
// shell exits while paused, Linux may drop what is left in the pty buffer, i.e. at most the last
// few KB of a session that is ending anyway.
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
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
  /** The UI's language, given to the shell as SMTP_LAB_LANG. */
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

  constructor(
    readonly id: number,
    options: PtySpawnOptions,
    listeners: PtyListeners,
  ) {
    const shell = options.shell ?? userShell(options.env);
    this.pty = loadNodePty().spawn(shell.file, shell.args, {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd ?? homedir(),
      env: terminalEnv(options.env ?? process.env, options.toolsDir, options.runFile, options.locale),
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

  kill(): void {
    if (this.exited) return;
    this.exited = true;
    try {
      this.pty.kill();
    } catch {
      // Already gone.
    }
  }
}
