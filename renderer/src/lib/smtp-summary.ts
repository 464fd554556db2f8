// The row text of an smtp row in the learner's language: commands and replies as they were sent,
// the lab's own words around them (AUTH decoded, message facts, over-long lines) translated.
import type { AuthDecoded, SmtpReplyDetail } from '../../../common/trace-details-wire.ts';
import { smtpDetail } from '../../../common/trace-details-wire.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { say } from './engine-text.ts';
import { before, clip, type Translate } from './summary-values.ts';

/** What an AUTH line's base64 says, e.g. "user alice, password secret". */
function describeAuth(auth: AuthDecoded, t: Translate): string {
  if (auth.cancelled) return t('ev.authCancel');
  if (auth.invalidBase64) return t('ev.authInvalid');
  const parts: string[] = [];
  if (auth.authzid) parts.push(t('ev.authAuthzid', { value: auth.authzid }));
  if (auth.username !== undefined) parts.push(t('ev.authUser', { value: auth.username }));
  if (auth.password !== undefined) parts.push(t('ev.authPassword', { value: auth.password }));
  if (auth.digest !== undefined) parts.push(t('ev.authDigest', { value: auth.digest }));
  if (auth.text !== undefined) parts.push(auth.text);
  return parts.join(t('ev.listSep'));
}

function reply(d: SmtpReplyDetail, t: Translate): string {
  const code = d.code === null ? '' : `${d.code} `;
  const [first = '', ...rest] = d.lines;
  let text: string;
  if (d.malformed && d.code === null) text = clip(t('ev.replyNotSmtp', { line: first }));
  else if (rest.length === 0) text = clip(`${code}${first}`.trimEnd());
  else {
    const listed = d.inReplyTo === 'EHLO' && d.extensions ? `${code}${first} · ${d.extensions.join(', ')}` : null;
    text = listed !== null && listed.length <= 200 ? listed : t('ev.replyMore', { reply: clip(`${code}${first}`, 160), count: rest.length });
  }
  if (d.decoded !== undefined) text = clip(`${text} → "${d.decoded}"`);
  return text;
}

/** The text of an smtp row, or null when the event is not one the engine writes. */
export function smtpSummary(event: TraceEvent, t: Translate): string | null {
  const d = smtpDetail(event);
  if (!d) return null;
  switch (d.kind) {
    case 'command':
      if (d.verb === '' && d.args === '') return t('ev.emptyLine');
      // The command line itself is protocol text: the engine's summary, up to the decoded AUTH part.
      return d.auth ? clip(`${before(event.summary, ' → ')} → ${describeAuth(d.auth, t)}`) : event.summary;
    case 'auth-response':
      return clip(`${d.line} → ${describeAuth(d.auth, t)}`);
    case 'continuation':
      return t('ev.continuation', { octets: d.octets, length: d.lineLength });
    case 'reply':
      return reply(d, t);
    case 'data': {
      const message = t(d.complete ? 'ev.message' : 'ev.messageCut', { size: d.size, lines: d.lines });
      return clip(d.subject !== null ? t('ev.messageSubject', { message, subject: d.subject }) : message, 240);
    }
    case 'starttls-buffer':
      return say(t, d.summaryText);
  }
}
