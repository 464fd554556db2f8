// Matching a presented chain against a TLSA RRset (RFC 7672 §3, RFC 7671 §5, RFC 6698 §2.1).
// One usable record that matches suffices (RFC 6698 §4.1). The input is the chain the server
// sent and nothing else: a DANE-TA(2) record matches only a certificate the server presents,
// never one the sender holds in a trust store (RFC 7672 §3.1.2, RFC 7671 §5.2.2).
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { X509Certificate } from 'node:crypto';
import { matchAnyName, presentedIdentifiers } from '../cert-names.ts';
import type { TlsRptResultType } from '../decision.ts';
import { tlsaData } from './tlsa-data.ts';
import { describeTlsa, formatTlsa, tlsaUsability, type TlsaRecord } from './tlsa-record.ts';

export interface ChainMatchInput {
  /**
   * DER certificates exactly as the server sent them, leaf first: no issuer added from a local
   * trust store (RFC 7672 §3.1.2).
   */
  chain: readonly Uint8Array[];
  /** The whole TLSA RRset; unusable records are skipped here. */
  records: readonly TlsaRecord[];
  /** Reference identifiers for DANE-TA name checks (RFC 7672 §3.2.2): TLSA base domain, next-hop domain. */
  referenceNames: readonly string[];
  /** Milliseconds since the epoch, for DANE-TA validity periods. */
  now: number;
}

export type ChainMatch =
  | { matched: true; record: TlsaRecord; rule: string; reason: string; reasonText: Text }
  | { matched: false; rule: string; reason: string; reasonText: Text; tlsrptResult: TlsRptResultType };

export function matchChain(input: ChainMatchInput): ChainMatch {
  const usable = strongestDigests(input.records.filter((r) => tlsaUsability(r).usable));
  if (usable.length === 0) {
    return { matched: false, rule: 'RFC 7672 §2.2', ...said(text('daneMatch.noUsable')), tlsrptResult: 'tlsa-invalid' };
  }
  // DANE-EE looks at the leaf only (RFC 7672 §3.1.1); the rest of the chain matters for DANE-TA.
  const needed = usable.some((r) => r.usage === 2) ? input.chain : input.chain.slice(0, 1);
  let certs: X509Certificate[];
  try {
    certs = needed.map((der) => new X509Certificate(Buffer.from(der)));
  } catch {
    return { matched: false, rule: 'RFC 7672 §3', ...said(text('daneMatch.unparsable')), tlsrptResult: 'validation-failure' };
  }
  if (certs.length === 0) return { matched: false, rule: 'RFC 7672 §3', ...said(text('daneMatch.noCertificate')), tlsrptResult: 'validation-failure' };
  const leaf = certs[0];
  const problems: { reason: Text; tlsrptResult: TlsRptResultType }[] = [];

  for (const record of usable.filter((r) => r.usage === 3)) {
    if (tlsaData(leaf, record.selector, record.matchingType).equals(record.data)) {
      return {
        matched: true,
        record,
        rule: 'RFC 7672 §3.1.1',
        ...said(text('daneMatch.eeMatches', { record: formatTlsa(record).slice(0, 24), describe: describeTlsa(record) })),
      };
    }
  }

  for (const record of usable.filter((r) => r.usage === 2)) {
    // RFC 7671 §5.2.2: a digest names the anchor, so the server MUST send it; only the presented certificates are candidates.
    const anchorIndex = certs.findIndex((cert, i) => i > 0 && tlsaData(cert, record.selector, record.matchingType).equals(record.data));
    if (anchorIndex === -1) continue;
    const anchor = certs[anchorIndex];
    const path = pathToAnchor(leaf, anchor, certs);
    if (!path) {
      problems.push({ reason: text('daneMatch.notChained', { anchor: anchor.subject.replace(/\n/g, ', ') }), tlsrptResult: 'validation-failure' });
      continue;
    }
    const expired = path.find((cert) => input.now < Date.parse(cert.validFrom) || input.now > Date.parse(cert.validTo));
    if (expired) {
      problems.push({ reason: text('daneMatch.expired', { subject: expired.subject.replace(/\n/g, ', '), from: expired.validFrom, to: expired.validTo }), tlsrptResult: 'certificate-expired' });
      continue;
    }
    const presented = presentedIdentifiers(leaf, true);
    const names = matchAnyName(presented, input.referenceNames);
    if (!names.matched) {
      problems.push({
        reason: text('daneMatch.nameMismatch', { presented: presented.length ? presented.join(', ') : text('daneMatch.nothing'), reference: input.referenceNames.join(', ') }),
        tlsrptResult: 'certificate-host-mismatch',
      });
      continue;
    }
    return {
      matched: true,
      record,
      rule: 'RFC 7672 §3.2.2',
      ...said(text('daneMatch.taMatches', { anchor: anchor.subject.replace(/\n/g, ', '), index: anchorIndex + 1, count: certs.length, describe: describeTlsa(record), presented: String(names.presented), reference: String(names.reference) })),
    };
  }

  const worst = problems.find((p) => p.tlsrptResult === 'certificate-host-mismatch') ?? problems.find((p) => p.tlsrptResult === 'certificate-expired') ?? problems[0];
  if (worst) return { matched: false, rule: 'RFC 7672 §3.2.2', ...said(worst.reason), tlsrptResult: worst.tlsrptResult };
  const presented = text('daneMatch.presented', { count: input.chain.length });
  if (usable.some((r) => r.usage === 2)) {
    return {
      matched: false,
      rule: 'RFC 7672 §3.1.2',
      ...said(text('daneMatch.noneMatchTa', { count: usable.length, presented })),
      tlsrptResult: 'validation-failure',
    };
  }
  return { matched: false, rule: 'RFC 7672 §3', ...said(text('daneMatch.noneMatch', { count: usable.length, presented })), tlsrptResult: 'validation-failure' };
}

/**
 * RFC 7671 §9 digest agility: for each usage and selector, use only the records with the strongest
 * digest present (SHA2-512 over SHA2-256), so a weak digest cannot be used to downgrade.
 * Full(0) records carry no digest and are kept.
 */
export function strongestDigests(records: readonly TlsaRecord[]): TlsaRecord[] {
  const strongest = new Map<string, number>();
  for (const r of records) {
    if (r.matchingType === 0) continue;
    const key = `${r.usage}/${r.selector}`;
    strongest.set(key, Math.max(strongest.get(key) ?? 0, r.matchingType));
  }
  return records.filter((r) => r.matchingType === 0 || strongest.get(`${r.usage}/${r.selector}`) === r.matchingType);
}

/** The certificates from the leaf up to (not including) the anchor, each signed by the next. */
function pathToAnchor(leaf: X509Certificate, anchor: X509Certificate, pool: readonly X509Certificate[]): X509Certificate[] | null {
  const path: X509Certificate[] = [];
  let current = leaf;
  for (let depth = 0; depth < pool.length; depth++) {
    path.push(current);
    if (issued(anchor, current)) return path;
    const next = pool.find((candidate) => candidate !== current && !path.includes(candidate) && issued(candidate, current));
    if (!next) return null;
    current = next;
  }
  return null;
}

function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
