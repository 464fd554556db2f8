// RFC 7672 §2: what DANE asks of one MX host, from the DNSSEC status of the MX, address and TLSA
// lookups and the TLSA RRset, and then whether the session that followed satisfies it.
import { reasonOf, said, text, type Text } from '../../../common/i18n/text.ts';
import { canonicalName } from '../dns-name.ts';
import { starttlsRefusal, type DnssecStatus, type PolicyDecision, type TlsObservation } from '../decision.ts';
import { matchChain } from './chain-match.ts';
import { tlsaUsability, type TlsaRecord } from './tlsa-record.ts';

export interface DaneHost {
  /** The recipient domain (or smart host) whose MX was looked up. */
  nextHopDomain: string;
  mxHost: string;
  /** The secure CNAME expansion of the MX host when there is one (RFC 7672 §2.2.3); else the MX host. */
  tlsaBaseDomain?: string;
}

export interface DaneLookups {
  /** The MX RRset, including any CNAME leading to it. */
  mx: DnssecStatus;
  /**
   * Whether the MX answer came with RRSIGs. An insecure RRset may be signed all the same, when no
   * chain of trust reaches its zone (no usable DS in the parent, RFC 4035 §5.2); absent: not known.
   */
  mxSigned?: boolean;
  /** The A/AAAA RRset of the MX host. */
  address: DnssecStatus;
  /** The TLSA RRset at _25._tcp.<base>; absent when not looked up. Secure and empty is a secure denial. */
  tlsa?: { status: DnssecStatus; records: readonly TlsaRecord[] };
}

/**
 * - authenticate: usable TLSA records; TLS is mandatory and the chain must match one.
 * - tls-required: only unusable TLSA records; TLS is mandatory, authentication is not.
 * - opportunistic: DANE does not apply; STARTTLS when offered, cleartext allowed.
 * - lookup-failed: a DNSSEC lookup was bogus or indeterminate.
 */
export type DaneMode = 'authenticate' | 'tls-required' | 'opportunistic' | 'lookup-failed';

export interface DaneRequirement extends PolicyDecision {
  mode: DaneMode;
  /** SNI to send: the TLSA base domain (RFC 7672 §8.1). */
  sni: string;
  /** Reference identifiers for DANE-TA name checks (RFC 7672 §3.2.2). */
  referenceNames: string[];
  /** The TLSA RRset as applied, for TLS-RPT policy-string. */
  records: readonly TlsaRecord[];
}

export interface DaneOptions {
  /** Mandatory DANE (RFC 7672 §6): a host without usable TLSA records is not delivered to. */
  mandatory?: boolean;
}

/** Before connecting: what DANE requires of this MX host. */
export function daneRequirement(host: DaneHost, lookups: DaneLookups, options: DaneOptions = {}): DaneRequirement {
  const mx = canonicalName(host.mxHost);
  const base = canonicalName(host.tlsaBaseDomain ?? host.mxHost);
  const domain = canonicalName(host.nextHopDomain);
  const records = lookups.tlsa?.records ?? [];
  const result = (mode: DaneMode, decision: PolicyDecision, referenceNames: string[] = []): DaneRequirement => ({
    mode,
    sni: base,
    referenceNames,
    records: mode === 'authenticate' || mode === 'tls-required' ? records : [],
    ...decision,
  });
  const broken = (status: DnssecStatus) => status === 'bogus' || status === 'indeterminate';
  const notApplicable = (rule: string, why: Text): DaneRequirement =>
    options.mandatory
      ? result('opportunistic', { verdict: 'try-next-mx', rule: 'RFC 7672 §6', ...said(text('dane.mandatoryNotUsed', { why, host: mx })), tlsrptResult: 'dane-required' })
      : result('opportunistic', { verdict: 'deliver', rule, ...said(text('dane.notApplicable', { why })) });

  if (broken(lookups.mx)) {
    return result('lookup-failed', {
      verdict: 'defer',
      rule: 'RFC 7672 §2.1.1',
      ...said(text('dane.mxBroken', { domain, status: lookups.mx })),
      tlsrptResult: 'dnssec-invalid',
    });
  }
  if (lookups.mx === 'insecure') {
    const key = lookups.mxSigned === undefined ? 'dane.mxInsecure' : lookups.mxSigned ? 'dane.mxInsecureSigned' : 'dane.mxInsecureUnsigned';
    return notApplicable('RFC 7672 §2.2.1', text(key, { domain, host: mx }));
  }
  if (broken(lookups.address)) {
    return result('lookup-failed', {
      verdict: 'try-next-mx',
      rule: 'RFC 7672 §2.2.2',
      ...said(text('dane.addressBroken', { host: mx, status: lookups.address })),
      tlsrptResult: 'dnssec-invalid',
    });
  }
  if (lookups.address === 'insecure') {
    return notApplicable('RFC 7672 §2.2.2', text('dane.addressInsecure', { host: mx }));
  }
  const tlsa = lookups.tlsa;
  if (!tlsa) return notApplicable('RFC 7672 §2.2', text('dane.noTlsaLookup', { base }));
  if (broken(tlsa.status)) {
    return result('lookup-failed', {
      verdict: 'try-next-mx',
      rule: 'RFC 7672 §2.1.2',
      ...said(text('dane.tlsaBroken', { base, status: tlsa.status, host: mx })),
      tlsrptResult: 'dnssec-invalid',
    });
  }
  if (tlsa.status === 'insecure') return notApplicable('RFC 7672 §2.2', text('dane.tlsaInsecure', { base }));
  if (tlsa.records.length === 0) return notApplicable('RFC 7672 §2.2', text('dane.noTlsa', { base }));

  const usable = tlsa.records.filter((r) => tlsaUsability(r).usable);
  if (usable.length === 0) {
    if (options.mandatory) {
      return result('tls-required', { verdict: 'try-next-mx', rule: 'RFC 7672 §6', ...said(text('dane.allUnusableMandatory', { count: tlsa.records.length, base, host: mx })), tlsrptResult: 'tlsa-invalid' });
    }
    const why = tlsaUsability(tlsa.records[0]);
    return result('tls-required', {
      verdict: 'deliver-report-failure',
      rule: 'RFC 7672 §2.2',
      ...said(text('dane.allUnusable', { count: tlsa.records.length, base, why: why.usable ? '' : why.reasonText })),
      tlsrptResult: 'tlsa-invalid',
    });
  }
  const referenceNames = [...new Set([base, mx, domain])];
  return result(
    'authenticate',
    { verdict: 'deliver', rule: 'RFC 7672 §2.2', ...said(text('dane.usable', { count: usable.length, base, host: mx })) },
    referenceNames,
  );
}

export interface DaneSession {
  tls: TlsObservation;
  /** DER chain exactly as the server sent it, leaf first (RFC 7672 §3.1.2); needed when the handshake succeeded. */
  chain?: readonly Uint8Array[];
  now: number;
}

/** After the handshake (or its absence): does the session meet what DANE required? */
export function daneVerdict(requirement: DaneRequirement, session: DaneSession): PolicyDecision {
  const host = requirement.sni;
  if (requirement.mode === 'lookup-failed' || requirement.verdict === 'try-next-mx' || requirement.verdict === 'defer') return pick(requirement);
  const { tls } = session;
  const refusal = starttlsRefusal(tls);
  if (requirement.mode === 'opportunistic') {
    if (refusal) return { verdict: 'deliver', rule: requirement.rule, ...said(text('dane.starttlsRefusedCleartext', { reason: reasonOf(requirement), host, reply: refusal })) };
    if (!tls.starttlsOffered) return { verdict: 'deliver', rule: requirement.rule, ...said(text('dane.noStarttlsCleartext', { reason: reasonOf(requirement), host })) };
    if (tls.handshake && !tls.handshake.ok) {
      return { verdict: 'deliver', rule: requirement.rule, ...said(text('dane.handshakeFailedRetry', { reason: reasonOf(requirement), error: tls.handshake.error })) };
    }
    return pick(requirement);
  }
  if (refusal || !tls.starttlsOffered) {
    return {
      verdict: 'try-next-mx',
      rule: 'RFC 7672 §2.2.3',
      ...said(refusal ? text('dane.starttlsRefused', { host, reply: refusal }) : text('dane.noStarttls', { host })),
      // RFC 8460 §4.3.1: no TLS session could be started with the MX, whether STARTTLS was missing or refused.
      tlsrptResult: 'starttls-not-supported',
    };
  }
  if (!tls.handshake || !tls.handshake.ok) {
    const reason = tls.handshake ? text('dane.handshakeFailedWhy', { host, error: tls.handshake.error }) : text('dane.handshakeFailed', { host });
    return { verdict: 'try-next-mx', rule: 'RFC 7672 §2.2', ...said(reason), tlsrptResult: 'validation-failure' };
  }
  if (requirement.mode === 'tls-required') return pick(requirement);
  const match = matchChain({ chain: session.chain ?? [], records: requirement.records, referenceNames: requirement.referenceNames, now: session.now });
  if (!match.matched) {
    return {
      verdict: 'try-next-mx',
      rule: match.rule,
      ...said(text('dane.authFailed', { host, reason: reasonOf(match) })),
      tlsrptResult: match.tlsrptResult,
    };
  }
  return { verdict: 'deliver', rule: match.rule, ...said(text('dane.authenticated', { host, reason: reasonOf(match) })) };
}

function pick(d: PolicyDecision): PolicyDecision {
  return { verdict: d.verdict, rule: d.rule, reason: d.reason, ...(d.reasonText ? { reasonText: d.reasonText } : {}), ...(d.tlsrptResult ? { tlsrptResult: d.tlsrptResult } : {}) };
}
