// The learner's lines from stdin: readline on a terminal (with editing and history), plain lines
// from a pipe. On a terminal, output printed while the learner types keeps their half-typed line.
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { displayWidth } from './transcript.ts';

export interface LineInputEvents {
  line(text: string): void;
  end(): void;
  interrupt(): void;
}

export class LineInput {
  private readonly rl: Interface;
  private closed = false;

  constructor(
    input: Readable,
    private readonly output: Writable & { columns?: number },
    readonly interactive: boolean,
    events: LineInputEvents,
  ) {
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: '', historySize: 200 });
    this.rl.on('line', (text) => {
      if (interactive) this.eraseEcho(text);
      events.line(text);
    });
    this.rl.on('close', () => {
      this.closed = true;
      events.end();
    });
    this.rl.on('SIGINT', () => events.interrupt());
  }

  /** Prints one line of output without breaking what the learner is typing. */
  print(text: string): void {
    if (!this.interactive || this.closed) {
      this.output.write(`${text}\n`);
      return;
    }
    this.output.write(`\r\x1b[K${text}\n`);
    this.rl.prompt(true);
  }

  close(): void {
    if (!this.closed) this.rl.close();
  }

  /** The terminal echoed the typed line; it is printed again as "-> line" once it is sent. */
  private eraseEcho(text: string): void {
    const columns = this.output.columns || 80;
    const rows = Math.max(1, Math.ceil(displayWidth(text) / columns));
    this.output.write(`\x1b[${rows}A\r\x1b[J`);
  }
}
