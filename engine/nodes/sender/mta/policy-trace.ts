// Every decision of the sending MTA becomes a `policy` row in the trace, in plain words with its
// RFC rule, between the wire rows of the connection it belongs to (DESIGN.md "Trace events").
import type { DecisionKind } from '../../../../common/trace-details.ts';
import type { TraceLink } from '../../../../common/trace.ts';
import type { TraceEmitter } from '../../../trace/trace-store.ts';

export const SENDER_NODE = 'mail.sender.example';

export type { DecisionKind };

export interface PolicyNote {
  decision: DecisionKind;
  rule: string;
  reason: string;
  /** deliver / try-next-mx / defer / bounce ..., when the decision has one. */
  verdict?: string;
  mxHost?: string;
  extra?: Record<string, unknown>;
}

/** Emits the decisions of one delivery: on the current connection's flow when there is one. */
export class PolicyTrace {
  private connection: (() => { flow: string; link: TraceLink } | undefined) | null = null;
  private bound: { flow: string; link: TraceLink } | undefined;

  constructor(
    private readonly trace: TraceEmitter,
    private readonly planFlow: string,
    private readonly context: { messageId: string; policy: string; domain: string },
  ) {}

  /**
   * Rows after this go with the connection's flow and link. The relay may register the
   * connection a moment after the sender's socket connects, so the lookup is retried per row.
   */
  onConnection(lookup: () => { flow: string; link: TraceLink } | undefined): void {
    this.connection = lookup;
    this.bound = undefined;
  }

  endConnection(): void {
    this.connection = null;
    this.bound = undefined;
  }

  emit(note: PolicyNote): void {
    if (this.connection && !this.bound) this.bound = this.connection();
    const link = this.bound?.link ?? { from: SENDER_NODE, to: note.mxHost ?? SENDER_NODE };
    this.trace.emit({
      flow: this.bound?.flow ?? this.planFlow,
      link,
      layer: 'policy',
      dir: 'none',
      summary: `${note.rule}: ${note.reason}`,
      rule: note.rule,
      detail: {
        kind: 'policy',
        decision: note.decision,
        ...(note.verdict ? { verdict: note.verdict } : {}),
        policy: this.context.policy,
        domain: this.context.domain,
        message: this.context.messageId,
        ...(note.mxHost ? { mxHost: note.mxHost } : {}),
        reason: note.reason,
        ...note.extra,
      },
      visibility: 'plaintext',
    });
  }
}
