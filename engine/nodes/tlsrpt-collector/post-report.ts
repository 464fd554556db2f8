// The sending side of an https rua (RFC 8460 §5.3): POST one gzipped report to the collector the
// TXT record names, over TLS validated against the sender's trust store (PKIX, name included).
// The URL's host is only the name (SNI, Host, certificate); the socket goes to 127.0.0.1:port.
import { request } from 'node:http';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { english, text as sentence, type Text } from '../../../common/i18n/text.ts';
import { secureContextFor } from '../sender/trust-store.ts';
import { TLSRPT_GZIP } from './judge-upload.ts';

export interface PostTlsRptOptions {
  /** The rua URI from the _smtp._tls record, e.g. "https://tlsrpt.example.jp/v1/report". */
  url: string;
  /** Loopback port the lab address map gives for that host's port 443. */
  port: number;
  /** Root certificates (PEM) the sender trusts. */
  trustedCaPems: readonly string[];
  /** The report, already gzipped (engine/policy/tlsrpt/report.ts httpsUpload). */
  gzipBody: Buffer;
  /** SNI and the name the certificate must carry; the URL's host when absent. */
  servername?: string;
  timeoutMs?: number;
}

export interface PostTlsRptResult {
  /** The collector took the report: 200 or 201 (RFC 8460 §5.3). */
  ok: boolean;
  /** HTTP status; 0 when no answer came (TLS, connection or timeout). */
  status: number;
  /** The collector's plain reason, or why there was no answer. */
  detail: string;
  /** Why there was no answer, as a catalogue Text (absent when the collector answered). */
  detailText?: Text;
  /** Version and cipher when the handshake completed. */
  tls?: { version: string; cipher: string };
}

const DEFAULT_TIMEOUT_MS = 30_000;

const noAnswer = (detailText: Text): PostTlsRptResult => ({ ok: false, status: 0, detail: english(detailText), detailText });
// The collector answers in one line; more than this is not worth keeping.
const MAX_ANSWER_BYTES = 4096;

export function postTlsRpt(options: PostTlsRptOptions): Promise<PostTlsRptResult> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve(noAnswer(sentence('rptSend.notUrl', { url: options.url })));
  }
  if (url.protocol !== 'https:') return Promise.resolve(noAnswer(sentence('rptSend.notHttps', { scheme: url.protocol })));
  const host = url.hostname.toLowerCase();
  const servername = (options.servername ?? host).toLowerCase();

  return new Promise((resolve) => {
    let settled = false;
    let tls: PostTlsRptResult['tls'];
    const socket: TLSSocket = tlsConnect({
      host: '127.0.0.1',
      port: options.port,
      servername,
      secureContext: secureContextFor(options.trustedCaPems),
      ALPNProtocols: ['http/1.1'],
      // Default checks on: the chain must reach a trusted root and the certificate must name
      // servername (RFC 6125), or nothing is sent.
    });
    socket.setNoDelay(true);
    const finish = (result: PostTlsRptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(tls ? { ...result, tls } : result);
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => finish(noAnswer(sentence('rptSend.timeout', { host, ms: timeoutMs }))), timeoutMs);
    const failed = (err: NodeJS.ErrnoException) => finish(noAnswer(sentence('rptSend.failed', { url: options.url, error: `${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim() })));
    socket.on('error', failed);

    socket.once('secureConnect', () => {
      tls = { version: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.name ?? 'unknown' };
      const req = request({
        createConnection: () => socket,
        method: 'POST',
        path: `${url.pathname}${url.search}`,
        headers: { host, 'content-type': TLSRPT_GZIP, 'content-length': String(options.gzipBody.length), connection: 'close' },
      });
      req.on('error', failed);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          if (bytes < MAX_ANSWER_BYTES) chunks.push(chunk);
          bytes += chunk.length;
        });
        const done = () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8').trim();
          // Redirects are not followed: the report goes where the record says or not at all.
          finish({ ok: status === 200 || status === 201, status, detail: text || `${status} ${res.statusMessage ?? ''}`.trim() });
        };
        res.on('end', done);
        res.on('aborted', done);
        res.on('error', done);
      });
      req.end(options.gzipBody);
    });
  });
}
