// The receiver's sender-authentication verdict as a trace row (a policy decision with its rule),
// and the mail log's line for a message it refused.
import type { SMTPServerSession } from 'smtp-server';
import { authSummary, type AuthDisposition, type MessageAuth, type RejectedMessage } from '../../../../common/auth.ts';
import { english, text, type TextParam } from '../../../../common/i18n/text.ts';
import type { TraceEvent } from '../../../../common/trace.ts';

const ACTION_WORDS = { accept: 'row.senderInbox', quarantine: 'row.senderJunk', reject: 'row.senderRejected' } as const;

/** Why, as a sentence: a refusal's reason is the 550's reply text, its enhanced status code (RFC 3463) first. */
function reasonSaid(disposition: AuthDisposition): TextParam {
  const { reason, reasonText } = disposition;
  if (!reasonText) return reason;
  const words = english(reasonText);
  if (reason === words) return reasonText;
  const status = reason.endsWith(` ${words}`) ? reason.slice(0, -words.length - 1) : null;
  return status ? text('row.withStatus', { status, reason: reasonText }) : reason;
}

export function authRow(host: string, auth: MessageAuth): Omit<TraceEvent, 'seq' | 't' | 'flow' | 'link'> {
  const words = authSummary(auth);
  // The results as Authentication-Results words them (RFC 8601 §2.7), e.g. "spf=pass dkim=none".
  const shown = (['spf', 'dkim', 'arc', 'dmarc'] as const).filter((m) => words[m] != null).map((m) => `${m}=${words[m]}`).join(' ');
  const { disposition } = auth;
  const summaryText = text('row.senderChecked', { host, results: shown || text('row.none'), action: text(ACTION_WORDS[disposition.action]), reason: reasonSaid(disposition) });
  return {
    layer: 'policy',
    dir: 'none',
    summary: english(summaryText),
    detail: { kind: 'sender-auth', by: host, results: words, action: disposition.action, override: disposition.override, reason: disposition.reason, header: auth.header, summaryText },
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
