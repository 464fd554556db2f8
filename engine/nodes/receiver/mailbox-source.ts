// What the receiver's mailbox offers its readers (the API, the CLI, lab checks, tests).
import type { MailboxMessage, MailboxPage } from '../../../common/lab.ts';

export interface MailboxSource {
  list(): MailboxMessage[];
  /** The newest messages before id `before` (or the newest of all) that fit in one snapshot page. */
  page(query?: { before?: string }): MailboxPage;
  subscribe(listener: (message: MailboxMessage) => void): () => void;
  /** Called with the oldest messages when they are let go to bound memory. */
  onDropped?(listener: (dropped: MailboxMessage[]) => void): () => void;
}
