// Fetches an MTA-STS policy as RFC 8461 §3.3 demands: GET https://mta-sts.<domain>/.well-known/mta-sts.txt
// with SNI and a certificate valid for that name under the sender's trust store, no redirects,
// no HTTP cache, a time and a size cap. judgePolicyResponse (engine/policy) decides what it means.
import { X509Certificate } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { certificateDnsIds, matchAnyName } from '../../policy/cert-names.ts';
import type { PkixStatus } from '../../policy/decision.ts';
import { MAX_POLICY_BYTES, judgePolicyResponse, type FetchOutcome } from '../../policy/mta-sts/fetch-response.ts';
import { authorizationCode } from './peer-chain.ts';
import { secureContextFor } from './trust-store.ts';

export interface MtaStsFetchOptions {
  /** The Policy Domain, e.g. "example.jp"; the host fetched is mta-sts.<domain>. */
  policyDomain: string;
  /** Loopback port the lab address map gives for mta-sts.<domain>:443. */
  port: number;
  /** Root certificates (PEM) the sender trusts. */
  trustedCaPems: readonly string[];
  /** RFC 8461 §3.3 suggests one minute. */
  timeoutMs?: number;
  maxBytes?: number;
}

export interface MtaStsFetchFacts {
  policyHost: string;
  tls?: { version: string; cipher: string; pkix: PkixStatus; authorizationError?: string; certNames: string[] };
  http?: { status: number; contentType?: string; location?: string; bytes: number };
}

export type MtaStsFetchResult = FetchOutcome & MtaStsFetchFacts;

const POLICY_PATH = '/.well-known/mta-sts.txt';
const NOT_TRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

export function pkixStatus(code: string | undefined): PkixStatus {
  if (!code) return 'valid';
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  return NOT_TRUSTED.has(code) ? 'not-trusted' : 'invalid';
}

function fetchError(facts: MtaStsFetchFacts, reason: Text): MtaStsFetchResult {
  return { ok: false, tlsrptResult: 'sts-policy-fetch-error', rule: 'RFC 8461 §3.3', ...said(reason), ...facts };
}

export function fetchMtaStsPolicy(options: MtaStsFetchOptions): Promise<MtaStsFetchResult> {
  const policyHost = `mta-sts.${options.policyDomain.toLowerCase()}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? MAX_POLICY_BYTES;
  const facts: MtaStsFetchFacts = { policyHost };

  return new Promise((resolve) => {
    let settled = false;
    const socket: TLSSocket = tlsConnect({
      host: '127.0.0.1',
      port: options.port,
      servername: policyHost,
      secureContext: secureContextFor(options.trustedCaPems),
      ALPNProtocols: ['http/1.1'],
      // The chain and the name are judged below, as values with their rule (RFC 8461 §3.3).
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    });
    socket.setNoDelay(true);
    const finish = (result: MtaStsFetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(fetchError(facts, text('stsGet.timeout', { host: policyHost, ms: timeoutMs }))), timeoutMs);

    socket.on('error', (err: NodeJS.ErrnoException) => {
      const error = `${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim();
      finish(fetchError(facts, text('stsGet.failed', { url: `https://${policyHost}${POLICY_PATH}`, error })));
    });
    socket.once('secureConnect', () => {
      const code = authorizationCode(socket);
      const peer = socket.getPeerX509Certificate();
      const certNames = peer ? certificateDnsIds(peer as X509Certificate) : [];
      const pkix = pkixStatus(code);
      facts.tls = { version: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.name ?? 'unknown', pkix, certNames, ...(code ? { authorizationError: code } : {}) };
      // Nothing is asked of a host that cannot prove to be the policy host.
      if (pkix !== 'valid' || !matchAnyName(certNames, [policyHost]).matched) {
        return finish({ ...judgePolicyResponse({ policyHost, pkix, certNames, status: 0, body: new Uint8Array() }), ...facts });
      }
      const req = request({
        createConnection: () => socket,
        method: 'GET',
        path: POLICY_PATH,
        headers: { host: policyHost, accept: 'text/plain', 'cache-control': 'no-cache', connection: 'close' },
      });
      req.on('error', (err) => finish(fetchError(facts, text('stsGet.httpsFailed', { host: policyHost, error: err.message }))));
      req.on('response', (res) => readBody(res, maxBytes, (outcome) => {
        const contentType = res.headers['content-type'];
        const location = res.headers.location;
        facts.http = { status: res.statusCode ?? 0, bytes: outcome.bytes, ...(contentType ? { contentType } : {}), ...(location ? { location } : {}) };
        if (outcome.tooLarge) return finish(fetchError(facts, text('stsGet.tooLarge', { host: policyHost, limit: maxBytes })));
        if (outcome.error) return finish(fetchError(facts, text('stsGet.brokeOff', { host: policyHost, error: outcome.error })));
        finish({ ...judgePolicyResponse({ policyHost, pkix, certNames, status: res.statusCode ?? 0, ...(contentType ? { contentType } : {}), body: outcome.body }), ...facts });
      }));
      req.end();
    });
  });
}

interface BodyOutcome {
  body: Uint8Array;
  bytes: number;
  tooLarge: boolean;
  error?: Text;
}

function readBody(res: IncomingMessage, maxBytes: number, done: (outcome: BodyOutcome) => void): void {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return done({ body: new Uint8Array(), bytes: declared, tooLarge: true });
  const chunks: Buffer[] = [];
  let bytes = 0;
  let over = false;
  res.on('data', (chunk: Buffer) => {
    if (over) return;
    bytes += chunk.length;
    if (bytes > maxBytes) {
      over = true;
      done({ body: new Uint8Array(), bytes, tooLarge: true });
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () => !over && done({ body: Buffer.concat(chunks), bytes, tooLarge: false }));
  res.on('aborted', () => !over && done({ body: new Uint8Array(), bytes, tooLarge: false, error: text('stsGet.closedMidBody') }));
}
