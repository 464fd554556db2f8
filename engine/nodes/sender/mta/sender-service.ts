// What the sending MTA offers the lab's front ends: its queue and its TLS-RPT reports.
import type { OutboundMessage, SendRequest, TlsRptReportInfo } from '../../../../common/sender.ts';
import type { Text } from '../../../../common/i18n/text.ts';

export type SubmitResult = { ok: true; message: OutboundMessage } | { ok: false; message: string; messageText?: Text };

export interface SenderService {
  /** Queues the message and starts delivering it; refuses a malformed request with a reason. */
  submit(request: SendRequest): SubmitResult;
  /** The message once it is delivered or bounced, or deferred after its first round of attempts. */
  settled(id: string): Promise<OutboundMessage>;
  /** Retries a deferred message now; false when there is no such deferred message. */
  retry(id: string): boolean;
  /** Newest first. */
  outbox(): OutboundMessage[];
  /** Called with the message after every change of state, attempt or notice. */
  subscribe(listener: (message: OutboundMessage) => void): () => void;
  /** Newest first. */
  reports(): TlsRptReportInfo[];
  /** Builds a report per policy domain from the sessions counted so far and sends each to its rua. */
  flushReports(): Promise<TlsRptReportInfo[]>;
  onReports(listener: (reports: TlsRptReportInfo[]) => void): () => void;
}
