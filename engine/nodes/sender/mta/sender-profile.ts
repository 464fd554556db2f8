// What the sender does about TLS for one delivery: a named policy given with the message
// (README "Sender policies"), or else the sender's main.cf (smtp_tls_security_level and the
// rest, engine/postconf). DANE always validates DNSSEC (RFC 7672 §2.1): without validation
// there is no secure TLSA record to rely on.
import type { SendRequest } from '../../../../common/sender.ts';
import type { SmtpTlsSettings } from '../../../postconf/effective-settings.ts';
import type { SmtpLevel } from '../../../postconf/parameters.ts';
import type { TlsLimits } from '../trust-store.ts';

export interface SenderProfile {
  /** The policy's name, or "main.cf" with the level, for the trace. */
  policy: string;
  /** Postfix's TLS security level (TLS_README): the named policies map to may or dane. */
  level: SmtpLevel;
  mtaSts: boolean;
  dane: boolean;
  /** dane-only: a host without usable TLSA records is not delivered to (RFC 7672 §6). */
  daneMandatory: boolean;
  /** Retry a failed handshake with a lower maximum TLS version (the downgrade attacks abuse this). */
  versionFallback: boolean;
  /** Send TLS_FALLBACK_SCSV on those retries (RFC 7507). */
  fallbackScsv: boolean;
  validateDnssec: boolean;
  /** Protocols and ciphers from main.cf, for opportunistic and for mandatory TLS; absent for the named policies. */
  tls?: { opportunistic: TlsLimits; mandatory: TlsLimits };
}

const limits = (s: SmtpTlsSettings['opportunistic']): TlsLimits => ({ minVersion: s.protocols.min, maxVersion: s.protocols.max, ciphers: s.ciphers });

export function senderProfile(request: SendRequest, mainCf?: SmtpTlsSettings): SenderProfile {
  if (!request.policy && mainCf) {
    const dane = mainCf.level === 'dane' || mainCf.level === 'dane-only';
    return {
      policy: `main.cf (smtp_tls_security_level = ${mainCf.level}${mainCf.mtaSts ? ', smtp_tls_policy_maps: MTA-STS' : ''})`,
      level: mainCf.level,
      mtaSts: mainCf.mtaSts,
      dane,
      daneMandatory: mainCf.level === 'dane-only',
      versionFallback: request.versionFallback === true,
      fallbackScsv: request.versionFallback === true && request.fallbackScsv !== false,
      validateDnssec: dane || mainCf.dnssec || request.dnssec === true,
      tls: { opportunistic: limits(mainCf.opportunistic), mandatory: limits(mainCf.mandatory) },
    };
  }
  const policy = request.policy ?? 'opportunistic';
  const dane = policy === 'dane' || policy === 'dane+mta-sts';
  return {
    policy,
    level: dane ? 'dane' : 'may',
    mtaSts: policy === 'mta-sts' || policy === 'dane+mta-sts',
    dane,
    daneMandatory: false,
    versionFallback: policy === 'fallback' || request.versionFallback === true,
    fallbackScsv: (policy === 'fallback' || request.versionFallback === true) && request.fallbackScsv !== false,
    validateDnssec: dane || request.dnssec === true,
  };
}
