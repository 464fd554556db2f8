// The Checker tab's state: the domain being tested, the last report and the item picked.
import type { CheckerItemId, CheckerReport } from '../../../common/checker.ts';
import type { Text } from '../../../common/i18n/text.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';

export type CheckerMessage = Extract<ServerMessage, { type: 'checker.result' }>;

export class CheckerStore {
  domain = $state('example.jp');
  report = $state.raw<CheckerReport | null>(null);
  running = $state(false);
  /** Why the last run gave no report: the engine's Text (shown in the UI's language), else its English. */
  failure = $state.raw<Text | string | null>(null);
  selected = $state<CheckerItemId | null>(null);

  selectedItem = $derived(this.report?.items.find((i) => i.id === this.selected) ?? this.report?.items.find((i) => !i.pass) ?? this.report?.items[0] ?? null);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  reset(): void {
    this.running = false;
  }

  run(domain: string): void {
    this.domain = domain.trim();
    if (!this.domain) return;
    this.running = true;
    this.failure = null;
    this.send({ type: 'checker.run', domain: this.domain });
  }

  select(id: CheckerItemId): void {
    this.selected = id;
  }

  /** A run's result: this tab's own, or one made elsewhere (`lab checker` in the terminal), shown alike. */
  receive(message: CheckerMessage): void {
    const tested = message.result.ok ? message.result.report.domain : message.result.domain;
    // Still waiting for this tab's own domain when another one's result comes first.
    if (sameName(tested, this.domain)) this.running = false;
    if (message.result.ok) {
      this.report = message.result.report;
      this.selected = null;
      this.failure = null;
    } else this.failure = message.result.messageText ?? message.result.message;
  }

  /** An engine error answered the request instead of a result. */
  failed(): void {
    this.running = false;
  }
}

const sameName = (a: string, b: string) => a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
