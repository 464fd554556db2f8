// Domain-name helpers shared by MTA-STS, DANE and TLS-RPT.

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
  if (name.length === 0) return 'the name is empty';
  if (name.length > 253) return `the name is ${name.length} characters long; DNS allows at most 253 (RFC 1035 §2.3.4)`;
  for (const label of name.split('.')) {
    if (label.length === 0) return 'the name has an empty label (two dots, or a dot at an end)';
    if (label.length > 63) return `the label "${label.slice(0, 20)}..." is longer than 63 octets (RFC 1035 §2.3.4)`;
    if (!LABEL.test(label)) {
      if (/[^\x00-\x7f]/.test(label)) return `the label "${label}" is not ASCII: write the A-label (xn--...), not the U-label`;
      return `the label "${label}" is not letters, digits and inner hyphens (RFC 5321 §4.1.2 sub-domain)`;
    }
  }
  return null;
}
