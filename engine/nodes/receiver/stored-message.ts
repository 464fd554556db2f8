// What the receiver keeps of an accepted message: the Received field it prepends (RFC 5321 §4.4),
// the Authentication-Results above it (RFC 8601 §5), the REQUIRETLS tag (RFC 8689 §4.1), the
// parsed message for the mailbox, and the mailbox row of the trace.
import type { SMTPServerSession } from 'smtp-server';
import type { MessageAuth } from '../../../common/auth.ts';
import { english, text } from '../../../common/i18n/text.ts';
import type { MailboxMessage, TlsInfo } from '../../../common/lab.ts';
import type { MailboxDetail } from '../../../common/trace-details.ts';
import type { TraceEventInput } from '../../trace/trace-store.ts';
import { parseMessage } from './parse-message.ts';
import { receivedHeader, receivedProtocol, type ReceivedInput } from './received-header.ts';

export interface StoredMessageInput {
  id: string;
  now: Date;
  /** The receiving host, e.g. mx.example.jp. */
  host: string;
  /** smtpd_tls_received_header: the TLS clause in the Received field. */
  tlsClause: boolean;
  raw: Buffer;
  session: SMTPServerSession;
  connection: { flow: string; labPort: number; client: ReceivedInput['client']; tls: TlsInfo | null };
  auth: MessageAuth | null;
}

export async function storedMessage(input: StoredMessageInput): Promise<{ message: MailboxMessage; row: Omit<TraceEventInput, 'flow' | 'link'> }> {
  const { id, now, host, raw, session, connection, auth } = input;
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const rcptTo = session.envelope.rcptTo.map((r) => r.address);
  const helo = session.hostNameAppearsAs || '';
  const authUser = typeof session.user === 'string' ? session.user : null;
  // RFC 5321 §4.4: the receiving server MUST insert a Received field at the beginning of the content.
  const received = receivedHeader({
    helo,
    client: connection.client,
    by: host,
    protocol: receivedProtocol({ ehlo: session.openingCommand === 'EHLO', tls: connection.tls !== null, authenticated: authUser !== null }),
    tls: connection.tls,
    tlsClause: input.tlsClause,
    id,
    rcptTo,
    date: now,
  });
  // RFC 8601 §5: Authentication-Results goes above the Received field, as the milters' field does in Postfix.
  const parsed = await parseMessage(Buffer.concat([Buffer.from(`${auth ? `${auth.header}\r\n` : ''}${received}\r\n`, 'utf8'), raw]));
  // RFC 8689 §4.1: a message received with MAIL FROM ... REQUIRETLS MUST be tagged as such.
  const requireTls = (session.envelope as { requireTLS?: boolean }).requireTLS === true;
  const tls = connection.tls;
  const message: MailboxMessage = {
    id,
    receivedAt: now.toISOString(),
    host,
    port: connection.labPort,
    flow: connection.flow,
    helo,
    envelope: { mailFrom, rcptTo },
    authUser,
    received,
    requireTls,
    headers: parsed.headers,
    subject: parsed.subject,
    text: parsed.text,
    size: raw.length,
    tls,
    ...(auth ? { auth, folder: auth.disposition.action === 'quarantine' ? 'junk' : 'inbox' } : {}),
    ...(parsed.attachments.length > 0 ? { attachments: parsed.attachments } : {}),
  };
  const transport = tls ? `${tls.version}, ${tls.cipher}` : text('row.plaintext');
  // RFC 8689 §4.1: the tag reads the same in every language.
  const summaryText = text('row.stored', { id, host, subject: parsed.subject, from: mailFrom, transport: requireTls ? text('row.requireTls', { transport }) : transport });
  const row = {
    layer: 'mailbox',
    dir: 'none',
    summary: english(summaryText),
    detail: { kind: 'stored', id, subject: parsed.subject, size: raw.length, mailFrom, rcptTo, tls, authUser, requireTls, received, summaryText } satisfies MailboxDetail,
    visibility: 'plaintext',
  } satisfies Omit<TraceEventInput, 'flow' | 'link'>;
  return { message, row };
}
