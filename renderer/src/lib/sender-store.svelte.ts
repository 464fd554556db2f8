// The sending MTA as the Send and TLS-RPT tabs show it: its queue (newest first), the last
// refusal of a submission, and the TLS-RPT reports it built.
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import type { OutboundMessage, SendRequest, TlsRptReportInfo } from '../../../common/sender.ts';
import { upsertMessage } from './outbox-format.ts';
import { renderText, type Text } from '../../../common/i18n/text.ts';
import { i18n } from './locale.svelte.ts';

export type SenderMessage = Extract<ServerMessage, { type: 'outbox' | 'outbox.updated' | 'send.refused' | 'tlsrpt.reports' }>;

/** How long the Send button waits for the engine before it can be pressed again. */
const SUBMIT_TIMEOUT_MS = 8000;

export class SenderStore {
  /** The engine runs a sending MTA: it sent its outbox after welcome. */
  available = $state(false);
  outbox = $state.raw<OutboundMessage[]>([]);
  /** The last refusal as the engine said it; `refused` is it in the UI's language. */
  refusedText = $state.raw<Text | string | null>(null);
  get refused(): string | null {
    return this.refusedText === null ? null : renderText(i18n.locale, this.refusedText);
  }
  /** A submission is on its way: no new message and no refusal came back yet. */
  submitting = $state(false);
  reports = $state.raw<TlsRptReportInfo[]>([]);
  flushing = $state(false);

  private submitTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (message: ClientMessage) => void) {}

  /** A new engine session: what it sends after welcome replaces everything. */
  reset(): void {
    this.available = false;
    this.outbox = [];
    this.reports = [];
    this.refusedText = null;
    this.flushing = false;
    this.settle();
  }

  receive(message: SenderMessage): void {
    switch (message.type) {
      case 'outbox':
        this.available = true;
        this.outbox = message.messages;
        return;
      case 'outbox.updated':
        if (!this.outbox.some((m) => m.id === message.message.id)) this.settle();
        this.outbox = upsertMessage(this.outbox, message.message);
        return;
      case 'send.refused':
        this.refusedText = message.messageText ?? message.message;
        this.settle();
        return;
      case 'tlsrpt.reports':
        this.reports = message.reports;
        this.flushing = false;
        return;
    }
  }

  submit(request: SendRequest): void {
    this.refusedText = null;
    this.submitting = true;
    clearTimeout(this.submitTimer);
    this.submitTimer = setTimeout(() => this.settle(), SUBMIT_TIMEOUT_MS);
    this.send({ type: 'send.submit', request });
  }

  retry(id: string): void {
    this.send({ type: 'send.retry', id });
  }

  flushReports(): void {
    this.flushing = true;
    this.send({ type: 'tlsrpt.flush' });
  }

  /** An engine error answered a request instead of the expected message. */
  failed(): void {
    this.flushing = false;
  }

  private settle(): void {
    clearTimeout(this.submitTimer);
    this.submitting = false;
  }
}
