// Per-recipient results of one session: set as the server judges each recipient, the rest
// filled from whatever ended the session.
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { replyClass } from './reply-codes.ts';
import type { ClientReply } from './reply-parser.ts';
import type { Outcome, RecipientResult } from './types.ts';

export interface SessionFailure {
  outcome: Exclude<Outcome, 'delivered'>;
  rule: string;
  reason: string;
  reasonText?: Text;
  code?: number;
  enhancedStatus?: string;
}

/** RFC 5321 §4.2.1: 2yz done, 4yz transient (retry later), 5yz permanent (bounce). */
export function resultFromReply(recipient: string, reply: ClientReply, rule: string): RecipientResult {
  const klass = replyClass(reply.code);
  const outcome: Outcome = klass === 'permanent' ? 'bounced' : klass === 'transient' ? 'deferred' : 'delivered';
  return {
    recipient,
    outcome,
    code: reply.code,
    ...(reply.enhancedStatus ? { enhancedStatus: reply.enhancedStatus } : {}),
    ...said(text('session.reply', { reply: `${reply.code} ${reply.lines.join(' / ')}`.trim() })),
    rule,
  };
}

export function failureFromReply(reply: ClientReply, rule: string, what: Text): SessionFailure {
  return {
    outcome: replyClass(reply.code) === 'permanent' ? 'bounced' : 'deferred',
    rule,
    ...said(text('session.refusedReply', { what, reply: `${reply.code} ${reply.lines.join(' / ')}`.trim() })),
    code: reply.code,
    ...(reply.enhancedStatus ? { enhancedStatus: reply.enhancedStatus } : {}),
  };
}

export class RecipientBook {
  private readonly results: (RecipientResult | undefined)[];

  constructor(private readonly recipients: readonly string[]) {
    this.results = recipients.map(() => undefined);
  }

  set(index: number, result: RecipientResult): void {
    this.results[index] = result;
  }

  judged(index: number): boolean {
    return this.results[index] !== undefined;
  }

  /** Every recipient not judged yet gets this. */
  settleRest(failure: SessionFailure): void {
    this.recipients.forEach((recipient, i) => {
      if (this.results[i]) return;
      const { outcome, rule, reason, reasonText, code, enhancedStatus } = failure;
      this.results[i] = { recipient, outcome, rule, reason, ...(reasonText ? { reasonText } : {}), ...(code !== undefined ? { code } : {}), ...(enhancedStatus ? { enhancedStatus } : {}) };
    });
  }

  all(): RecipientResult[] {
    return this.results.map((r) => r!);
  }
}
