// main.cf's smtpd_milters as the receiver's sender-authentication configuration. The lab's
// OpenDMARC runs with RejectFailures on: p=reject is refused with 550, p=quarantine goes to Junk.
import type { ReceiverAuthConfig } from '../nodes/receiver/auth/receiver-auth.ts';
import type { SmtpdTlsSettings } from './effective-settings.ts';
import { checksOf } from './milters.ts';

export function receiverAuthConfig(settings: SmtpdTlsSettings, trustedArcSealers: readonly string[] = []): ReceiverAuthConfig {
  return { checks: checksOf(settings.milters), enforce: settings.milters.opendmarc, trustedArcSealers: [...trustedArcSealers] };
}
