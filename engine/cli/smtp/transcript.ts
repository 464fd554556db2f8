// How a session reads in the terminal, in the manner of swaks: "->" lines the learner sent (dim),
// "<-" replies (plain), "~>"/"<~" the same inside TLS, "===" notes from the tool, "***" errors.

const DIM = '\x1b[2m';
const CYAN = '\x1b[36m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

export class Transcript {
  constructor(
    private readonly write: (line: string) => void,
    private readonly color: boolean,
  ) {}

  sent(line: string, secure: boolean): void {
    this.write(this.paint(DIM, `${secure ? ' ~>' : ' ->'} ${visible(line)}`));
  }

  received(line: string, secure: boolean): void {
    this.write(`${secure ? '<~ ' : '<- '} ${visible(line)}`);
  }

  note(text: string): void {
    this.write(this.paint(CYAN, `=== ${text}`));
  }

  error(text: string): void {
    this.write(this.paint(RED, `*** ${text}`));
  }

  private paint(code: string, text: string): string {
    return this.color ? `${code}${text}${RESET}` : text;
  }
}

/** Control characters from the wire are shown, not executed by the learner's terminal. */
function visible(line: string): string {
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `^${String.fromCharCode(c.charCodeAt(0) ^ 0x40)}`);
}

/** Columns a line takes in a terminal (CJK and other wide characters count two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000) ? 2 : 1;
  }
  return width;
}
