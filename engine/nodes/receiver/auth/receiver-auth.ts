// The receiver's sender-authentication step at the end of DATA, as a Postfix with the OpenDKIM,
// OpenDMARC and OpenARC milters runs it: check, write Authentication-Results (RFC 8601), and
// decide (RFC 7489 §6.6.2). Nothing runs while every check is off (Postfix's default: no milters).
import type { MessageAuth } from '../../../../common/auth.ts';
import { authenticationResults } from './authentication-results.ts';
import { dmarcDisposition, type DispositionPolicy } from './dmarc-disposition.ts';
import { evaluateAuth, type AuthChecksOn, type AuthInput } from './evaluate-auth.ts';
import type { MailauthResolver } from './mailauth-resolver.ts';

export interface ReceiverAuthConfig extends DispositionPolicy {
  checks: AuthChecksOn;
}

export const AUTH_OFF: ReceiverAuthConfig = { checks: { spf: false, dkim: false, dmarc: false, arc: false }, enforce: false, trustedArcSealers: [] };

export function anyCheckOn(config: ReceiverAuthConfig): boolean {
  return Object.values(config.checks).some(Boolean);
}

/**
 * Whether the milters judge this message at all. Mail a client submitted after SMTP AUTH is the
 * domain's own outgoing mail, not a stranger's: the lab's opendmarc.conf sets
 * `IgnoreAuthenticatedClients true` (opendmarc.conf(5); the option defaults to false), OpenDKIM
 * in Mode sv signs such mail instead of verifying it, and SPF is not asked of it (main.cf lists
 * permit_sasl_authenticated before the SPF policy service). Checked, it would fail SPF from the
 * user's own address.
 */
export function checksApply(config: ReceiverAuthConfig, authUser: string | null | undefined): boolean {
  return anyCheckOn(config) && !authUser;
}

/** The checks' findings, the field to prepend and what to do; null when no check applies. */
export async function authenticateMessage(input: AuthInput, config: ReceiverAuthConfig, resolver: MailauthResolver): Promise<MessageAuth | null> {
  if (!checksApply(config, input.authUser)) return null;
  const found = await evaluateAuth(input, config.checks, resolver);
  const disposition = dmarcDisposition(found.dmarc, found.arc, config);
  const header = authenticationResults({ authservId: input.mta, ...found });
  return { authservId: input.mta, spf: found.spf, dkim: found.dkim, dmarc: found.dmarc, arc: found.arc, disposition, header };
}
