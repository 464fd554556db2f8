// The certificate an HTTPS lab host presents for each server name the client asks for (SNI),
// one secure context per name, kept (up to a cap) so a handshake does not re-read PEM files.
import { createSecureContext, type SecureContext, type TlsOptions } from 'node:tls';
import type { IssuedPem } from '../../pki/issue.ts';

const MAX_CONTEXTS = 64;

/** https.createServer options: the default name's certificate, and the one for each SNI name. */
export async function sniCertificates(defaultHostname: string, certificateFor: (servername: string) => Promise<IssuedPem>): Promise<Pick<TlsOptions, 'cert' | 'key' | 'SNICallback'>> {
  const contexts = new Map<string, Promise<SecureContext>>();
  const contextFor = (name: string) => {
    let ctx = contexts.get(name);
    if (!ctx) {
      if (contexts.size >= MAX_CONTEXTS) contexts.clear();
      ctx = certificateFor(name).then((pem) => createSecureContext({ cert: pem.certPem, key: pem.keyPem }));
      ctx.catch(() => contexts.delete(name));
      contexts.set(name, ctx);
    }
    return ctx;
  };
  const fallback = await certificateFor(defaultHostname);
  return {
    cert: fallback.certPem,
    key: fallback.keyPem,
    SNICallback: (servername, callback) => {
      contextFor(servername.toLowerCase()).then((ctx) => callback(null, ctx), (err: Error) => callback(err, undefined));
    },
  };
}
