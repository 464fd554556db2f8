// Terminal output per animation frame, with the acknowledgements of the xterm.js flow-control
// guide: what arrives between two frames is written in one call, and once xterm has parsed it
// (the write callback) its length is acknowledged so the engine can resume a paused pty.

export type FrameScheduler = (callback: () => void) => void;

export class OutputBatcher {
  private pending: string[] = [];
  private pendingLength = 0;
  private scheduled = false;
  private generation = 0;

  constructor(
    /** Writes to the terminal; calls `done` once the data is processed. */
    private readonly write: (data: string, done: () => void) => void,
    /** Acknowledges this many characters (as `string.length` counts them). */
    private readonly ack: (characters: number) => void,
    private readonly schedule: FrameScheduler,
  ) {}

  push(data: string): void {
    if (data.length === 0) return;
    this.pending.push(data);
    this.pendingLength += data.length;
    if (!this.scheduled) {
      this.scheduled = true;
      const generation = this.generation;
      this.schedule(() => {
        if (generation === this.generation) this.flush();
      });
    }
  }

  /** Writes what is pending now. */
  flush(): void {
    this.scheduled = false;
    if (this.pendingLength === 0) return;
    const data = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    const length = this.pendingLength;
    this.pending = [];
    this.pendingLength = 0;
    const generation = this.generation;
    this.write(data, () => {
      // A terminal that was switched to another pty must not acknowledge for the new one.
      if (generation === this.generation) this.ack(length);
    });
  }

  /** Drops pending output and forgets outstanding acknowledgements (the pty is gone). */
  reset(): void {
    this.generation++;
    this.pending = [];
    this.pendingLength = 0;
    this.scheduled = false;
  }

  get pendingCharacters(): number {
    return this.pendingLength;
  }
}
