// Where a DMARC aggregate report may go: the mailto: URIs of rua= (RFC 7489 §6.2, §6.3, with an
// optional "!size" limit), and the external destination check of §7.1: a report for policy domain
// D sent to a mailbox of another Organizational Domain R needs the TXT record
// "D._report._dmarc.R" starting with v=DMARC1, published by R to say it accepts D's reports.
import { canonicalName } from '../dns-name.ts';

export interface MailtoDestination {
  uri: string;
  address: string;
  domain: string;
  /** The "!size" limit in bytes, when given (k, m, g, t multiply by powers of 2, RFC 7489 §6.2). */
  maxBytes?: number;
}

export type RuaEntry = { ok: true; destination: MailtoDestination } | { ok: false; uri: string; why: 'not-mailto' | 'no-address' };

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

export function parseRuaUri(uri: string): RuaEntry {
  const trimmed = uri.trim();
  const bang = trimmed.lastIndexOf('!');
  const size = bang > 0 ? /^(\d+)([kmgt]?)$/i.exec(trimmed.slice(bang + 1)) : null;
  const bare = size ? trimmed.slice(0, bang) : trimmed;
  if (!/^mailto:/i.test(bare)) return { ok: false, uri: trimmed, why: 'not-mailto' };
  let address: string;
  try {
    address = decodeURIComponent(bare.slice('mailto:'.length).split('?')[0]);
  } catch {
    return { ok: false, uri: trimmed, why: 'no-address' };
  }
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /\s/.test(address)) return { ok: false, uri: trimmed, why: 'no-address' };
  const maxBytes = size ? Number(size[1]) * UNITS[size[2].toLowerCase()] : undefined;
  return { ok: true, destination: { uri: trimmed, address, domain: canonicalName(address.slice(at + 1)), ...(maxBytes !== undefined ? { maxBytes } : {}) } };
}

/** The name §7.1 asks for: "<policy domain>._report._dmarc.<destination host>". */
export function externalVerificationName(policyDomain: string, destinationDomain: string): string {
  return `${canonicalName(policyDomain)}._report._dmarc.${canonicalName(destinationDomain)}`;
}

export type ExternalVerdict =
  | { authorized: true; rule: string; record: string; /** §7.1 step 8: a rua= in the record replaces the destination, same host only. */ replacement?: MailtoDestination[] }
  | { authorized: false; rule: string; records: string[] };

/**
 * §7.1 steps 5–8 over the TXT strings found at the verification name: records not starting with
 * v=DMARC1 are discarded; one left authorizes the destination.
 */
export function externalVerdict(records: readonly string[], destination: MailtoDestination): ExternalVerdict {
  const rule = 'RFC 7489 §7.1';
  const valid = records.filter((r) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(r.trim()));
  if (valid.length === 0) return { authorized: false, rule, records: [...records] };
  const record = valid[0].trim();
  const rua = /(?:^|;)\s*rua\s*=\s*([^;]*)/i.exec(record)?.[1];
  if (!rua) return { authorized: true, rule, record };
  // The overriding URI MUST use the same destination host (§7.1 step 8); others are ignored.
  const replacement = rua
    .split(',')
    .map(parseRuaUri)
    .flatMap((e) => (e.ok && e.destination.domain === destination.domain ? [e.destination] : []));
  return { authorized: true, rule, record, ...(replacement.length > 0 ? { replacement } : {}) };
}
