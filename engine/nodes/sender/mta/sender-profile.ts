// What each sender policy turns on (README "Sender policies"). DANE always validates DNSSEC
// (RFC 7672 §2.1): without validation there is no secure TLSA record to rely on.
import type { SendRequest, SenderPolicyName } from '../../../../common/sender.ts';

export interface SenderProfile {
  policy: SenderPolicyName;
  mtaSts: boolean;
  dane: boolean;
  /** Retry a failed handshake with a lower maximum TLS version (the downgrade attacks abuse this). */
  versionFallback: boolean;
  /** Send TLS_FALLBACK_SCSV on those retries (RFC 7507). */
  fallbackScsv: boolean;
  validateDnssec: boolean;
}

export function senderProfile(request: SendRequest): SenderProfile {
  const dane = request.policy === 'dane' || request.policy === 'dane+mta-sts';
  return {
    policy: request.policy,
    mtaSts: request.policy === 'mta-sts' || request.policy === 'dane+mta-sts',
    dane,
    versionFallback: request.policy === 'fallback',
    fallbackScsv: request.policy === 'fallback' && request.fallbackScsv !== false,
    validateDnssec: dane || request.dnssec === true,
  };
}
