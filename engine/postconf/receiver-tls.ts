// main.cf's smtpd_* settings as the receiver's TLS configuration.
import type { ReceiverTlsConfig } from '../nodes/receiver/receiver-config.ts';
import type { SmtpdTlsSettings } from './effective-settings.ts';
import type { LabCertStore } from './lab-cert-store.ts';

export function receiverTlsConfig(settings: SmtpdTlsSettings, certs: LabCertStore): ReceiverTlsConfig {
  return {
    enabled: settings.level !== 'none',
    minVersion: settings.protocols.min,
    maxVersion: settings.protocols.max,
    ciphers: settings.ciphers,
    ...(settings.certificate ? { certificate: certs.get(settings.certificate) } : {}),
    requireTls: settings.level === 'encrypt',
    authOnly: settings.authOnly,
    receivedTlsClause: settings.receivedHeader,
  };
}
