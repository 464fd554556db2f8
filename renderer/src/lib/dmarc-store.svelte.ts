// mx.example.jp's DMARC aggregate reports as the DMARC tab shows them: what is counted and not
// yet reported, and the reports built (newest first).
import type { DmarcState } from '../../../common/dmarc.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';

export class DmarcStore {
  state = $state.raw<DmarcState | null>(null);
  flushing = $state(false);

  constructor(private readonly send: (message: ClientMessage) => void) {}

  receive(message: Extract<ServerMessage, { type: 'dmarc.state' }>): void {
    const before = this.state?.reports[0]?.id;
    this.state = message.state;
    if (message.state.reports[0]?.id !== before || message.state.pending.length === 0) this.flushing = false;
  }

  flush(): void {
    this.flushing = true;
    this.send({ type: 'dmarc.flush' });
  }

  failed(): void {
    this.flushing = false;
  }
}
