import type { MailboxMessage } from '../../../common/lab.ts';
import type { MailboxSource } from '../../lab/lab-runtime.ts';

const MAX_MESSAGES = 1000;

/** What arrived at the receiver, in arrival order; the oldest go beyond MAX_MESSAGES. */
export class Mailbox implements MailboxSource {
  private readonly messages: MailboxMessage[] = [];
  private readonly listeners = new Set<(message: MailboxMessage) => void>();
  private counter = 0;

  nextId(): string {
    return `m${++this.counter}`;
  }

  add(message: MailboxMessage): void {
    this.messages.push(message);
    if (this.messages.length > MAX_MESSAGES) this.messages.shift();
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (err) {
        console.error('mailbox listener failed:', err);
      }
    }
  }

  list(): MailboxMessage[] {
    return [...this.messages];
  }

  subscribe(listener: (message: MailboxMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
