// The one written rule that turns a run into a matrix symbol (docs/matrix.md), after the source
// material's legend: ○ safe, △ safe but not complete, × not safe, - not affected. Sans-IO: it reads
// facts taken from a run (cell-facts.ts) and returns the symbol with the clause that decided it.
import { text, type Text } from '../../common/i18n/text.ts';
import type { MatrixResult, MatrixWhy } from '../../common/matrix.ts';

/** TLS versions the source material calls unsafe (RFC 8996 deprecates them). */
export const UNSAFE_TLS_VERSIONS: readonly string[] = ['TLSv1', 'TLSv1.1'];

export interface CellFacts {
  /** The attack only listens. */
  passive: boolean;
  /** The attack found what it acts on in this run (a STARTTLS to strip, a handshake to cut, an answer to forge...). */
  acted: boolean;
  /** The genuine mx.example.jp accepted the message. */
  delivered: boolean;
  /** The attacker read the message, relaying it or as the impostor MTA that received it. */
  attackerRead: boolean;
  /** The session that carried the message; null when it went in plaintext or not at all. */
  tls: { version: string; authenticationRequired: boolean } | null;
  /** The refusal rested on an MTA-STS policy cached at an earlier contact (RFC 8461 §3.3, §5.1). */
  protectedByCachedPolicy: boolean;
}

export interface CellVerdict {
  result: MatrixResult;
  why: MatrixWhy;
}

export function judgeCell(f: CellFacts): CellVerdict {
  if (!f.acted) return { result: '-', why: 'not-affected' };
  if (f.attackerRead) return { result: '×', why: 'read' };
  if (f.delivered && !f.tls) return { result: '×', why: 'plaintext' };
  // An active attacker on the path could have ended TLS itself wherever no policy required the
  // certificate to be authenticated, whatever the certificate this time happened to be.
  if (f.delivered && f.tls && !f.passive && !f.tls.authenticationRequired) return { result: '×', why: 'unauthenticated' };
  if (f.delivered && f.tls && UNSAFE_TLS_VERSIONS.includes(f.tls.version)) return { result: '△', why: 'old-tls' };
  if (!f.delivered && f.protectedByCachedPolicy) return { result: '△', why: 'first-contact' };
  if (!f.delivered) return { result: '○', why: 'refused' };
  return { result: '○', why: f.passive ? 'ciphertext' : 'authenticated' };
}

/** The clause of the rule, as the reason's first half (common/i18n matrixWhy.*). */
export const whyText = (why: MatrixWhy): Text => text(`matrixWhy.${why}`);
