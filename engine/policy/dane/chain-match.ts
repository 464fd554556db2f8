// Matching a presented chain against a TLSA RRset (RFC 7672 §3, RFC 7671 §5, RFC 6698 §2.1).
// One usable record that matches suffices (RFC 6698 §4.1). The input is the chain the server
// sent and nothing else: a DANE-TA(2) record matches only a certificate the server presents,
// never one the sender holds in a trust store (RFC 7672 §3.1.2, RFC 7671 §5.2.2).
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
  | { matched: true; record: TlsaRecord; rule: string; reason: string }
  | { matched: false; rule: string; reason: string; tlsrptResult: TlsRptResultType };

export function matchChain(input: ChainMatchInput): ChainMatch {
  const usable = strongestDigests(input.records.filter((r) => tlsaUsability(r).usable));
  if (usable.length === 0) {
    return { matched: false, rule: 'RFC 7672 §2.2', reason: 'the TLSA RRset has no usable record', tlsrptResult: 'tlsa-invalid' };
  }
  // DANE-EE looks at the leaf only (RFC 7672 §3.1.1); the rest of the chain matters for DANE-TA.
  const needed = usable.some((r) => r.usage === 2) ? input.chain : input.chain.slice(0, 1);
  let certs: X509Certificate[];
  try {
    certs = needed.map((der) => new X509Certificate(Buffer.from(der)));
  } catch {
    return { matched: false, rule: 'RFC 7672 §3', reason: 'a certificate in the presented chain could not be parsed', tlsrptResult: 'validation-failure' };
  }
  if (certs.length === 0) return { matched: false, rule: 'RFC 7672 §3', reason: 'the server presented no certificate', tlsrptResult: 'validation-failure' };
  const leaf = certs[0];
  const problems: { reason: string; tlsrptResult: TlsRptResultType }[] = [];

  for (const record of usable.filter((r) => r.usage === 3)) {
    if (tlsaData(leaf, record.selector, record.matchingType).equals(record.data)) {
      return {
        matched: true,
        record,
        rule: 'RFC 7672 §3.1.1',
        reason: `the server certificate matches "${formatTlsa(record).slice(0, 24)}..." (${describeTlsa(record)}); with DANE-EE its names and validity dates are not checked (RFC 7672 §3.2.1, RFC 7671 §5.1)`,
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
      problems.push({ reason: `the trust anchor "${anchor.subject.replace(/\n/g, ', ')}" is in the chain, but the server certificate does not chain to it`, tlsrptResult: 'validation-failure' });
      continue;
    }
    const expired = path.find((cert) => input.now < Date.parse(cert.validFrom) || input.now > Date.parse(cert.validTo));
    if (expired) {
      problems.push({ reason: `"${expired.subject.replace(/\n/g, ', ')}" is outside its validity period (${expired.validFrom} to ${expired.validTo})`, tlsrptResult: 'certificate-expired' });
      continue;
    }
    const presented = presentedIdentifiers(leaf, true);
    const names = matchAnyName(presented, input.referenceNames);
    if (!names.matched) {
      problems.push({
        reason: `the certificate chains to the DANE-TA trust anchor but names ${presented.join(', ') || 'nothing'}, none of ${input.referenceNames.join(', ')} (RFC 7672 §3.2.2)`,
        tlsrptResult: 'certificate-host-mismatch',
      });
      continue;
    }
    return {
      matched: true,
      record,
      rule: 'RFC 7672 §3.2.2',
      reason: `the chain leads to the trust anchor "${anchor.subject.replace(/\n/g, ', ')}", certificate ${anchorIndex + 1} of the ${certs.length} the server presented (RFC 7672 §3.1.2), which matches ${describeTlsa(record)}, and the certificate names ${names.presented} for ${names.reference}`,
    };
  }

  const worst = problems.find((p) => p.tlsrptResult === 'certificate-host-mismatch') ?? problems.find((p) => p.tlsrptResult === 'certificate-expired') ?? problems[0];
  if (worst) return { matched: false, rule: 'RFC 7672 §3.2.2', reason: worst.reason, tlsrptResult: worst.tlsrptResult };
  const presented = `the ${input.chain.length} certificate(s) the server presented`;
  if (usable.some((r) => r.usage === 2)) {
    return {
      matched: false,
      rule: 'RFC 7672 §3.1.2',
      reason:
        `none of the ${usable.length} usable TLSA record(s) matches ${presented}; a DANE-TA(2) record matches only a certificate in the presented chain, ` +
        'never one from the sender\'s own trust store (RFC 7672 §3.1.2, RFC 7671 §5.2.2): the server must send its chain up to the trust anchor, ' +
        'or the domain publishes a DANE-EE 3 1 1 record of the server key',
      tlsrptResult: 'validation-failure',
    };
  }
  return { matched: false, rule: 'RFC 7672 §3', reason: `none of the ${usable.length} usable TLSA record(s) matches ${presented}`, tlsrptResult: 'validation-failure' };
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
