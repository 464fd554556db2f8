// Reads decoded SMTP rows (engine/protocol/smtp-flow-decoder.ts) the way an eavesdropper reads
// the wire, sans-IO: the envelope from MAIL and RCPT, the message after DATA, and AUTH PLAIN /
// LOGIN credentials, which are base64, not encryption (RFC 4954 §4, RFC 4616 §2).

import { smtpDetail, type AuthDecoded } from '../../../common/trace-details-wire.ts';
import type { DecodedEvent } from '../../protocol/decoded-event.ts';

export type Fact =
  | { type: 'mail-from'; address: string }
  | { type: 'rcpt-to'; address: string }
  /** The message as it went over the wire after 354: dot-stuffed, up to the row's raw cap. */
  | { type: 'message'; wire: Buffer; complete: boolean }
  | { type: 'credential'; mechanism: string; user: string; password: string };

const MAIL_FROM = /^FROM:\s*<([^>]*)>/i;
const RCPT_TO = /^TO:\s*<([^>]*)>/i;

export class KnowledgeReader {
  private auth: { mechanism: string; user?: string } | null = null;

  read(row: DecodedEvent): Fact[] {
    const detail = smtpDetail(row);
    if (detail?.kind === 'command') return this.command(detail.verb, detail.args, detail.auth);
    if (detail?.kind === 'auth-response') return this.authStep(detail.auth);
    if (detail?.kind === 'data' && row.raw) return [{ type: 'message', wire: Buffer.from(row.raw, 'base64'), complete: detail.complete }];
    return [];
  }

  private command(verb: string, args: string, initial: AuthDecoded | undefined): Fact[] {
    if (verb === 'MAIL') {
      const m = MAIL_FROM.exec(args);
      return m ? [{ type: 'mail-from', address: m[1] }] : [];
    }
    if (verb === 'RCPT') {
      const m = RCPT_TO.exec(args);
      return m ? [{ type: 'rcpt-to', address: m[1] }] : [];
    }
    if (verb === 'AUTH') {
      this.auth = { mechanism: (args.split(/\s+/)[0] ?? '').toUpperCase() };
      return initial ? this.authStep(initial) : [];
    }
    return [];
  }

  private authStep(decoded: AuthDecoded | undefined): Fact[] {
    const auth = this.auth;
    if (!auth || !decoded || decoded.cancelled || decoded.invalidBase64) return [];
    if (decoded.username !== undefined) auth.user = decoded.username;
    if (decoded.password === undefined) return [];
    this.auth = null;
    return [{ type: 'credential', mechanism: auth.mechanism, user: auth.user ?? '', password: decoded.password }];
  }
}
