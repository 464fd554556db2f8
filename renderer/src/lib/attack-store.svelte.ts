// The on-path attacker as the Attacker tab and the header show it: the attacks it knows, the one
// that is on, and what it has learnt so far.
import type { AttackInfo, AttackName, AttackStatus } from '../../../common/attack.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';

export type AttackMessage = Extract<ServerMessage, { type: 'attack.list' | 'attack.status' }>;

export class AttackStore {
  attacks = $state.raw<AttackInfo[]>([]);
  status = $state.raw<AttackStatus | null>(null);
  /** An attack.set or attack.off is on its way. */
  pending = $state(false);

  active = $derived(this.status?.active ?? null);
  activeInfo = $derived(this.attacks.find((a) => a.name === this.active?.name) ?? null);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  reset(): void {
    this.attacks = [];
    this.status = null;
    this.pending = false;
  }

  receive(message: AttackMessage): void {
    if (message.type === 'attack.list') this.attacks = message.attacks;
    else {
      this.status = message.status;
      this.pending = false;
    }
  }

  start(name: AttackName, params: Record<string, string>): void {
    this.pending = true;
    this.send({ type: 'attack.set', name, params });
  }

  stop(): void {
    this.pending = true;
    this.send({ type: 'attack.off' });
  }

  /** An engine error answered the request instead of a status. */
  failed(): void {
    this.pending = false;
  }
}
