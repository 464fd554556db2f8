// One TLS context per distinct set of server TLS options, shared by every lab server of the
// process. Making a context costs one to two milliseconds (OpenSSL 3's SSL_CTX_new, then parsing
// the key and certificate), and labs started together (the matrix) make the same ones dozens of
// times. A context holds no state a lab could change: no lab server resumes sessions, and a
// different certificate, version range or cipher list is a different context.
import { createHash } from 'node:crypto';
import { Server as HttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import { createSecureContext, type SecureContext, type TlsOptions } from 'node:tls';
import type { RequestListener } from 'node:http';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import smtpServerTlsOptions from 'smtp-server/lib/tls-options.js';

/** Every option tls.createSecureContext reads: the context is made from these alone, so they are its whole key. */
const CONTEXT_FIELDS = [
  'key', 'cert', 'ca', 'pfx', 'passphrase', 'crl', 'ciphers', 'sigalgs', 'ecdhCurve', 'dhparam', 'minVersion', 'maxVersion',
  'secureProtocol', 'secureOptions', 'honorCipherOrder', 'sessionIdContext', 'sessionTimeout', 'ticketKeys',
  'privateKeyEngine', 'privateKeyIdentifier', 'clientCertEngine',
] as const;

const contexts = new Map<string, SecureContext>();
const KEPT = 64;

/** The context for these options, made on first use. */
export function sharedServerContext(options: object): SecureContext {
  const given = options as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const field of CONTEXT_FIELDS) if (given[field] !== undefined) picked[field] = given[field];
  const key = JSON.stringify(picked);
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext(picked);
    if (contexts.size >= KEPT) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, context);
  }
  return context;
}

/**
 * smtp-server whose TLS context comes from sharedServerContext. Its updateSecureContext (called by
 * the constructor and at every TLS change) makes the '*' context from the same options, the
 * library's defaults filled in, as the library's does; the lab receiver uses neither sniOptions
 * nor implicit TLS (`secure`), the rest of the library's version.
 */
export class SharedContextSmtpServer extends SMTPServer {
  override updateSecureContext(options?: TlsOptions | SMTPServerOptions | null): void {
    Object.assign(this.options, options ?? {});
    this.secureContext = new Map([['*', sharedServerContext(smtpServerTlsOptions(this.options))]]);
  }
}

/** Node's tls.Server defaults for what the options leave out (lib/_tls_wrap.js, Server.prototype.setSecureContext). */
const NODE_SERVER_DEFAULTS = {
  honorCipherOrder: true,
  sessionIdContext: createHash('sha1').update(process.argv.join(' ')).digest('hex').slice(0, 32),
};

/**
 * https.Server whose TLS context comes from sharedServerContext. Node's tls.Server makes its
 * context in setSecureContext (its constructor calls it) and hands `_sharedCreds` to every
 * connection; test/unit/nodes/shared-server-contexts.test.ts fails if a Node upgrade changes that.
 */
export class SharedContextHttpsServer extends HttpsServer {
  override setSecureContext(options: TlsOptions): void {
    (this as unknown as { _sharedCreds: SecureContext })._sharedCreds = sharedServerContext({ ...NODE_SERVER_DEFAULTS, ...options });
  }
}

/** https.createServer, with the shared context. */
export function createSharedContextHttpsServer(options: HttpsServerOptions, listener?: RequestListener): HttpsServer {
  return listener ? new SharedContextHttpsServer(options, listener) : new SharedContextHttpsServer(options);
}
