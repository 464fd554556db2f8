// main.cf of the lab's MTAs as the main.cf pane shows it: `postconf -n` from the engine, and the
// answer to the learner's last Apply (what changed, or each refused line with its reason).
import type { PostconfEditResult, PostconfError } from '../../../common/postconf.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';

export type PostconfMessage = Extract<ServerMessage, { type: 'postconf.state' | 'postconf.result' }>;

export class PostconfStore {
  /** The engine has a main.cf: it sent postconf.state after welcome. */
  available = $state(false);
  /** `postconf -n`: the lines main.cf sets, sorted by name. */
  nonDefault = $state.raw<string[]>([]);
  /** The refusal of the last Apply, per line of the text that was applied. */
  errors = $state.raw<PostconfError[]>([]);
  /** The parameters the last Apply changed; null before any. */
  changed = $state.raw<string[] | null>(null);
  pending = $state(false);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  reset(): void {
    this.available = false;
    this.nonDefault = [];
    this.errors = [];
    this.changed = null;
    this.pending = false;
  }

  receive(message: PostconfMessage): void {
    if (message.type === 'postconf.state') {
      this.available = true;
      this.nonDefault = message.state.nonDefault;
      return;
    }
    this.settle(message.result);
  }

  /** The main.cf pane's text becomes main.cf. */
  apply(text: string): void {
    this.pending = true;
    this.send({ type: 'postconf.edit', text });
  }

  /** Back to the lab's own main.cf. */
  resetToLab(): void {
    this.errors = [];
    this.changed = null;
    this.send({ type: 'postconf.reset' });
  }

  failed(): void {
    this.pending = false;
  }

  private settle(result: PostconfEditResult): void {
    this.pending = false;
    this.errors = result.ok ? [] : result.errors;
    this.changed = result.ok ? result.changed : null;
  }
}

/** The text the editor starts from: `postconf -n`, one parameter per line. */
export const mainCfText = (lines: readonly string[]): string => (lines.length ? `${lines.join('\n')}\n` : '');
