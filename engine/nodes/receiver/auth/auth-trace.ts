// The receiver's sender-authentication verdict as a trace row (a policy decision with its rule),
// and the mail log's line for a message it refused.
import type { SMTPServerSession } from 'smtp-server';
import { authSummary, type MessageAuth, type RejectedMessage } from '../../../../common/auth.ts';
import type { TraceEvent } from '../../../../common/trace.ts';

export function authRow(host: string, auth: MessageAuth): Omit<TraceEvent, 'seq' | 't' | 'flow' | 'link'> {
  const words = authSummary(auth);
  const shown = (['spf', 'dkim', 'arc', 'dmarc'] as const).filter((m) => words[m] != null).map((m) => `${m}=${words[m]}`).join(' ');
  const action = auth.disposition.action === 'accept' ? 'inbox' : auth.disposition.action === 'quarantine' ? 'Junk folder' : 'rejected';
  return {
    layer: 'policy',
    dir: 'none',
    summary: `${host} checked the sender: ${shown || 'none'} -> ${action} (${auth.disposition.reason})`,
    detail: { kind: 'sender-auth', by: host, results: words, action: auth.disposition.action, override: auth.disposition.override, reason: auth.disposition.reason, header: auth.header },
    visibility: 'plaintext',
    rule: auth.disposition.rule,
  };
}

function headerValue(raw: Buffer, name: string): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1').split(/\r?\n\r?\n/)[0];
  const match = head.match(new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

export function rejectedEntry(raw: Buffer, session: SMTPServerSession, flow: string, auth: MessageAuth): RejectedMessage {
  return {
    at: new Date().toISOString(),
    messageId: headerValue(raw, 'Message-ID'),
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
    headerFrom: headerValue(raw, 'From'),
    subject: headerValue(raw, 'Subject') ?? '',
    flow,
    reply: `550 ${auth.disposition.reason}`,
    auth,
  };
}
