// One tls.createSecureContext per trust store and TLS limits, reused by every connection:
// passing `ca` on each connection costs a third more per handshake (STACK.md).
import { createSecureContext, type SecureContext, type SecureVersion } from 'node:tls';

export interface TlsLimits {
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
}

const contexts = new Map<string, SecureContext>();
const MAX_CONTEXTS = 32;

/** The secure context that trusts exactly these root certificates (PEM) within these limits. */
export function secureContextFor(caPems: readonly string[], limits: TlsLimits = {}): SecureContext {
  const key = JSON.stringify([caPems, limits.minVersion ?? '', limits.maxVersion ?? '', limits.ciphers ?? '']);
  let context = contexts.get(key);
  if (!context) {
    // Below TLS 1.2 OpenSSL 3 refuses the old signature algorithms unless the security level drops (STACK.md).
    const legacy = limits.minVersion === 'TLSv1' || limits.minVersion === 'TLSv1.1';
    context = createSecureContext({
      ca: [...caPems],
      ...(limits.minVersion ? { minVersion: limits.minVersion } : {}),
      ...(limits.maxVersion ? { maxVersion: limits.maxVersion } : {}),
      ...(limits.ciphers || legacy ? { ciphers: limits.ciphers ?? 'DEFAULT@SECLEVEL=0' } : {}),
    });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, context);
  }
  return context;
}
