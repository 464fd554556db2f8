// RFC 8689 §4.2.1, the part the session can see for itself: REQUIRETLS goes only over TLS to a
// server whose post-TLS EHLO lists it. How the MX was named and how the certificate was verified
// are the caller's to check (engine/policy/requiretls), through SessionPolicy.beforeMail.
import { said, text } from '../../../common/i18n/text.ts';
import type { BeforeMailChoice, BeforeMailInput } from './types.ts';

export function defaultBeforeMail(input: BeforeMailInput): BeforeMailChoice {
  if (!input.requireTls) return { action: 'send', requireTls: false };
  if (!input.tls) {
    return { action: 'quit', outcome: 'deferred', rule: 'RFC 8689 §4.2.1', ...said(text('rtls.plainSession')), enhancedStatus: '5.7.10' };
  }
  if (!input.extensions.requireTls) {
    return { action: 'quit', outcome: 'deferred', rule: 'RFC 8689 §4.2.1', ...said(text('rtls.notOfferedQuit')), enhancedStatus: '5.7.30' };
  }
  return { action: 'send', requireTls: true };
}
