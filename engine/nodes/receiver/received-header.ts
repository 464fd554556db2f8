// The trace field a receiving SMTP server prepends to every message it accepts (RFC 5321 §4.4:
// it MUST insert one at the beginning of the content). The form is Postfix's, so what a learner
// reads here is what they will read in real mail:
//
//   Received: from client.helo.name (client.hostname [192.0.2.1])
//   	(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
//   	(No client certificate requested)
//   	by mx.example.jp (SMTP Lab) with ESMTPS id m1
//   	for <bob@example.jp>; Sun, 06 Dec 2026 06:30:52 +0000

import type { TlsInfo } from '../../../common/lab.ts';
import { rfc5322Date } from '../../policy/tlsrpt/mail.ts';

/** The "with" keywords of RFC 3848 §2 (LMTP is not spoken here). */
export type ReceivedProtocol = 'SMTP' | 'ESMTP' | 'ESMTPA' | 'ESMTPS' | 'ESMTPSA';

export interface ReceivedInput {
  /** The name the client gave with HELO/EHLO; empty when it gave none. */
  helo: string;
  /** Who connected, as this server knows it: a host name ("unknown" when it has none) and an address. */
  client: { hostname: string; address: string };
  /** This server's host name, e.g. "mx.example.jp". */
  by: string;
  protocol: ReceivedProtocol;
  /** null: the session stayed in plaintext. */
  tls: TlsInfo | null;
  /** Write the TLS clause for a TLS session (Postfix smtpd_tls_received_header); default yes. */
  tlsClause?: boolean;
  /** Queue id of the stored message, e.g. "m1". */
  id: string;
  /** Envelope recipients of this transaction. */
  rcptTo: readonly string[];
  date: Date;
}

/** The software comment after the "by" host, as Postfix writes "(Postfix)". */
export const RECEIVED_SOFTWARE = 'SMTP Lab';

/**
 * RFC 3848 §2: "E" for EHLO, "S" when STARTTLS was used, "A" when SMTP AUTH succeeded.
 * STARTTLS and AUTH are service extensions (RFC 3207, RFC 4954), so a session that used either
 * is extended SMTP even if the client said HELO again afterwards.
 */
export function receivedProtocol(session: { ehlo: boolean; tls: boolean; authenticated: boolean }): ReceivedProtocol {
  if (!session.tls && !session.authenticated) return session.ehlo ? 'ESMTP' : 'SMTP';
  return `ESMTP${session.tls ? 'S' : ''}${session.authenticated ? 'A' : ''}` as ReceivedProtocol;
}

/** Key length of the bulk cipher named in a standard (IANA) suite name; null when it names none we know. */
export function cipherBits(cipher: string): number | null {
  const name = cipher.toUpperCase();
  if (/CHACHA20|AES_?256|CAMELLIA_?256|ARIA_?256/.test(name)) return 256;
  if (/AES_?128|CAMELLIA_?128|ARIA_?128|SEED/.test(name)) return 128;
  if (/3DES|DES_CBC3|DES-CBC3/.test(name)) return 112;
  return null;
}

// RFC 5322 §3.2.2: a comment may not hold unescaped parentheses or backslashes, and a header
// field only printable US-ASCII plus what SMTPUTF8 allows. Client-chosen text (the HELO name)
// must not close the comment or add a line.
function headerText(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, '?').replace(/[()\\]/g, '?');
}

/** The TLS clause as Postfix writes it: "(using TLSv1.3 with cipher ... (256/256 bits))". */
export function tlsClause(tls: TlsInfo): string {
  const bits = cipherBits(tls.cipher);
  return `(using ${headerText(tls.version)} with cipher ${headerText(tls.cipher)}${bits ? ` (${bits}/${bits} bits)` : ''})`;
}

/**
 * The Received header field, folded as Postfix folds it (CRLF then a tab), without the final
 * CRLF. The "for" clause names the recipient only when there is exactly one, as Postfix does:
 * listing several would tell every recipient who else got a copy (RFC 5321 §7.2).
 */
export function receivedHeader(input: ReceivedInput): string {
  const helo = headerText(input.helo) || 'unknown';
  const lines = [`Received: from ${helo} (${headerText(input.client.hostname)} [${headerText(input.client.address)}])`];
  if (input.tls && input.tlsClause !== false) lines.push(tlsClause(input.tls), '(No client certificate requested)');
  const by = `by ${input.by} (${RECEIVED_SOFTWARE}) with ${input.protocol} id ${input.id}`;
  const date = rfc5322Date(input.date.getTime());
  if (input.rcptTo.length === 1) lines.push(by, `for <${headerText(input.rcptTo[0])}>; ${date}`);
  else lines.push(`${by};`, date);
  return lines.join('\r\n\t');
}

/**
 * Who connected, for the "from" clause: the lab node the connection came from and its lab
 * address, never the loopback port the lab runs on. A node without a DNS name (the learner's
 * terminal) reads "unknown", as Postfix writes a client whose address has no name.
 */
export function receivedClient(node: string | null, labAddresses: Readonly<Record<string, string>>, fallbackAddress: string): ReceivedInput['client'] {
  const address = node ? labAddresses[node] : undefined;
  if (!node || !address) return { hostname: 'unknown', address: fallbackAddress };
  return { hostname: node.includes('.') ? node : 'unknown', address };
}
