// SMTP AUTH (RFC 4954) as an eavesdropper reads it: PLAIN (RFC 4616) and LOGIN carry the
// password base64-encoded, which is encoding, not encryption.

import { text, type Text, type TextParam } from '../../common/i18n/text.ts';
import type { AuthDecoded } from '../../common/trace-details-wire.ts';
import { displayText } from './text-escape.ts';

export type { AuthDecoded };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Text(b64: string): { text: string; ok: boolean } {
  const clean = b64.trim();
  if (clean === '=') return { text: '', ok: true };
  if (!BASE64.test(clean) || clean.length % 4 === 1) return { text: '', ok: false };
  return { text: displayText(Buffer.from(clean, 'base64')).text, ok: true };
}

/** RFC 4616 §2: message = [authzid] NUL authcid NUL passwd. */
function decodePlain(b64: string, mechanism: string): AuthDecoded {
  const clean = b64.trim();
  if (!BASE64.test(clean)) return { mechanism, invalidBase64: true };
  const parts = Buffer.from(clean, 'base64').toString('binary').split('\0');
  const show = (s: string | undefined) => (s === undefined ? undefined : displayText(Buffer.from(s, 'binary')).text);
  if (parts.length !== 3) return { mechanism, text: show(parts.join('\\0')) };
  return { mechanism, authzid: show(parts[0]) || undefined, username: show(parts[1]), password: show(parts[2]) };
}

/** Tracks one AUTH exchange so each client response is read as the field it carries. */
export class AuthExchange {
  private responses = 0;

  constructor(
    readonly mechanism: string,
    private readonly initialResponse: boolean,
  ) {}

  /** Decodes the initial response given on the AUTH command line itself. */
  initial(b64: string): AuthDecoded {
    return this.read(b64, 0);
  }

  /** Decodes the next client line sent after a 334 challenge. */
  next(line: string): AuthDecoded {
    const index = this.responses + (this.initialResponse ? 1 : 0);
    this.responses++;
    if (line.trim() === '*') return { mechanism: this.mechanism, cancelled: true };
    return this.read(line, index);
  }

  private read(b64: string, index: number): AuthDecoded {
    const mechanism = this.mechanism;
    if (mechanism === 'PLAIN') return decodePlain(b64, mechanism);
    const decoded = decodeBase64Text(b64);
    if (!decoded.ok) return { mechanism, invalidBase64: true };
    if (mechanism === 'LOGIN') return index === 0 ? { mechanism, username: decoded.text } : { mechanism, password: decoded.text };
    if (mechanism === 'CRAM-MD5') {
      const [username, digest] = decoded.text.split(' ');
      return digest ? { mechanism, username, digest } : { mechanism, username };
    }
    return { mechanism, text: decoded.text };
  }
}

/** What the base64 says, e.g. "user alice, password secret": a sentence, or its parts as a list. */
export function describeAuth(decoded: AuthDecoded): Text | TextParam[] {
  if (decoded.cancelled) return text('row.authCancel');
  if (decoded.invalidBase64) return text('row.authInvalid');
  const parts: TextParam[] = [];
  if (decoded.authzid) parts.push(text('row.authAuthzid', { value: decoded.authzid }));
  if (decoded.username !== undefined) parts.push(text('row.authUser', { value: decoded.username }));
  if (decoded.password !== undefined) parts.push(text('row.authPassword', { value: decoded.password }));
  if (decoded.digest !== undefined) parts.push(text('row.authDigest', { value: decoded.digest }));
  if (decoded.text !== undefined) parts.push(decoded.text);
  return parts;
}
