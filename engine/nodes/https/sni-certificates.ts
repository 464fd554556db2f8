// The certificate an HTTPS lab host presents for each server name the client asks for (SNI),
// one secure context per name, kept (up to a cap) so a handshake does not re-read PEM files.
import { createSecureContext, type SecureContext, type TlsOptions } from 'node:tls';
import type { IssuedPem } from '../../pki/issue.ts';
import type { ServesName } from './lab-server-names.ts';

const MAX_CONTEXTS = 64;

/**
 * https.createServer options: the default name's certificate, and the one for each SNI name
 * `serves` accepts. Any other name gets the default certificate, and nothing is issued for it.
 */
export async function sniCertificates(
  defaultHostname: string,
  certificateFor: (servername: string) => Promise<IssuedPem>,
  serves: ServesName,
): Promise<Pick<TlsOptions, 'cert' | 'key' | 'SNICallback'>> {
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
      // RFC 6066 §3: a server that does not recognise the name may go on with the handshake;
      // no context here means Node presents the default certificate.
      if (!serves(servername)) return callback(null, undefined);
      contextFor(servername.toLowerCase()).then((ctx) => callback(null, ctx), (err: Error) => callback(err, undefined));
    },
  };
}
