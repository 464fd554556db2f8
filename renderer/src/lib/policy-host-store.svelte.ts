// The MTA-STS policy host as the policy editor shows it: what it serves for each domain.
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import type { PolicyHostEntry, PolicyHostLesson } from '../../../common/sender.ts';

export type PolicyHostMessage = Extract<ServerMessage, { type: 'policy.entries' }>;

export class PolicyHostStore {
  /** The engine runs a policy host: it sent its entries after welcome. */
  available = $state(false);
  entries = $state.raw<PolicyHostEntry[]>([]);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  reset(): void {
    this.available = false;
    this.entries = [];
  }

  receive(message: PolicyHostMessage): void {
    this.available = true;
    this.entries = message.entries;
  }

  save(domain: string, text: string, lesson: PolicyHostLesson | null): void {
    this.send({ type: 'policy.set', domain, text, lesson });
  }
}
