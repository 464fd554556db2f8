// How a mailbox message reads in the list and the detail.
import type { MailboxMessage } from '../../../common/lab.ts';

/** "TLSv1.3 / TLS_AES_256_GCM_SHA384", or null for plaintext. */
export function tlsBadge(message: Pick<MailboxMessage, 'tls'>): string | null {
  return message.tls ? `${message.tls.version} / ${message.tls.cipher}` : null;
}

/** Local time of day (and the date when not today), in the UI's locale. */
export function formatReceived(iso: string, locale: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/**
 * A folded header field (RFC 5322 §2.2.3) as the lines it was written in, e.g. the Received
 * field the receiver prepends: the first line, then each continuation without its leading
 * white space, so the view can indent them itself.
 */
export function foldedLines(field: string): { text: string; continued: boolean }[] {
  return field
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line, i) => ({ text: i === 0 ? line : line.replace(/^[ \t]+/, ''), continued: i > 0 }));
}
