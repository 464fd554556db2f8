// Every decision of the sending MTA becomes a `policy` row in the trace, in plain words with its
// RFC rule, between the wire rows of the connection it belongs to (DESIGN.md "Trace events").
import { english, type Text } from '../../../../common/i18n/text.ts';
import type { DecisionKind, PolicyDetail, PolicyExtra } from '../../../../common/trace-details.ts';
import type { TraceLink } from '../../../../common/trace.ts';
import type { TraceEmitter } from '../../../trace/trace-store.ts';

export const SENDER_NODE = 'mail.sender.example';

export type { DecisionKind };

export interface PolicyNote {
  decision: DecisionKind;
  rule: string;
  /** English; give reasonText instead (or as well) for a sentence in the learner's language. */
  reason?: string;
  reasonText?: Text;
  /** deliver / try-next-mx / defer / bounce ..., when the decision has one. */
  verdict?: string;
  mxHost?: string;
  extra?: PolicyExtra;
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
    const reason = note.reason ?? (note.reasonText ? english(note.reasonText) : '');
    const detail: PolicyDetail = {
      ...note.extra,
      kind: 'policy',
      decision: note.decision,
      ...(note.verdict ? { verdict: note.verdict } : {}),
      policy: this.context.policy,
      domain: this.context.domain,
      message: this.context.messageId,
      ...(note.mxHost ? { mxHost: note.mxHost } : {}),
      reason,
      ...(note.reasonText ? { reasonText: note.reasonText } : {}),
    };
    this.trace.emit({
      flow: this.bound?.flow ?? this.planFlow,
      link,
      layer: 'policy',
      dir: 'none',
      summary: `${note.rule}: ${reason}`,
      rule: note.rule,
      detail,
      visibility: 'plaintext',
    });
  }
}
