// Domain-name helpers shared by MTA-STS, DANE and TLS-RPT.
import { english, text, type Text } from '../../common/i18n/text.ts';

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Lower-cases and drops one trailing dot: DNS names compare case-insensitively (RFC 4343). */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * RFC 5321 §4.1.2 Domain: sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str].
 * RFC 1035 §2.3.4 adds 63 octets a label, 253 characters a name (255 octets on the wire).
 * Returns a problem in words, or null when the name fits.
 */
export function domainProblem(name: string): string | null {
  const problem = domainProblemText(name);
  return problem ? english(problem) : null;
}

/** domainProblem as a catalogue Text, for the learner's language. */
export function domainProblemText(name: string): Text | null {
  if (name.length === 0) return text('name.empty');
  if (name.length > 253) return text('name.tooLong', { length: name.length });
  for (const label of name.split('.')) {
    if (label.length === 0) return text('name.emptyLabel');
    if (label.length > 63) return text('name.longLabel', { label: label.slice(0, 20) });
    if (!LABEL.test(label)) {
      if (/[^\x00-\x7f]/.test(label)) return text('name.notAscii', { label });
      return text('name.badLabel', { label });
    }
  }
  return null;
}
