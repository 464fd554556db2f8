import type { SecureVersion } from 'node:tls';
import type { ReceiverTlsConfig } from './receiver-config.ts';

const ORDER: SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface ServerTlsOptions {
  key: string;
  cert: string;
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  ciphers?: string;
  hideSTARTTLS: boolean;
  /** smtp-server hides REQUIRETLS unless asked; the lab receiver supports RFC 8689 and lists it after STARTTLS. */
  hideREQUIRETLS: boolean;
}

/** smtp-server TLS options for a receiver TLS config. */
export function serverTlsOptions(tls: ReceiverTlsConfig, fallback: { certPem: string; keyPem: string }): ServerTlsOptions {
  const certificate = tls.certificate ?? fallback;
  // OpenSSL 3 refuses TLS 1.0/1.1 at the default security level (no SHA-1 signatures).
  const legacy = ORDER.indexOf(tls.minVersion) < ORDER.indexOf('TLSv1.2');
  const ciphers = tls.ciphers ?? (legacy ? 'DEFAULT@SECLEVEL=0' : undefined);
  return {
    key: certificate.keyPem,
    cert: certificate.certPem,
    minVersion: tls.minVersion,
    maxVersion: tls.maxVersion,
    ...(ciphers ? { ciphers } : {}),
    hideSTARTTLS: !tls.enabled,
    hideREQUIRETLS: false,
  };
}
