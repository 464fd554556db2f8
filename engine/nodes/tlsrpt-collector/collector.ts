// The TLS-RPT collector (RFC 8460 §3 rua=https:, §5.3): a real HTTPS server on 127.0.0.1 standing
// for https://tlsrpt.example.jp/v1/report. It takes POSTed reports, keeps the ones that parse and
// says plainly why it refused the others. Every request and answer becomes an `https` trace event.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { createSharedContextHttpsServer } from '../shared-server-contexts.ts';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { english, text } from '../../../common/i18n/text.ts';
import type { HttpsDetail } from '../../../common/trace-details.ts';
import type { HttpsHostOptions } from '../https/https-host-options.ts';
import { uploadSentence } from '../https/https-rows.ts';
import { labServerNames } from '../https/lab-server-names.ts';
import { sniCertificates } from '../https/sni-certificates.ts';
import { bodyTooLarge, judgeBody, judgeHead, mediaTypeOf, type UploadAccepted, type UploadRefusal } from './judge-upload.ts';

export interface TlsRptCollectorOptions extends HttpsHostOptions {
  /** The path of the rua URI (default "/v1/report"). */
  path?: string;
  /** Cap on the request body and on the report once inflated (default 1 MiB). */
  maxBytes?: number;
  /** How many reports are kept; the oldest go first (default 1000). */
  keep?: number;
}

export interface ReceivedReport {
  /** When it arrived, ISO 8601 UTC. */
  at: string;
  report: unknown;
  mediaType: string;
}

export interface TlsRptCollector {
  port: number;
  received(): ReceivedReport[];
  /** Called for each stored report; returns the function that stops the calls. */
  onReport(listener: (received: ReceivedReport) => void): () => void;
  close(): Promise<void>;
}

const DEFAULT_PATH = '/v1/report';
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 1000;
// A client that stops sending mid-body must not hold the connection for ever.
const REQUEST_TIMEOUT_MS = 30_000;

export async function startTlsRptCollector(options: TlsRptCollectorOptions): Promise<TlsRptCollector> {
  const reportPath = options.path ?? DEFAULT_PATH;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const emit = options.emit ?? (() => {});
  let flowCounter = 0;
  const nextFlow = options.nextFlow ?? (() => `tlsrpt${++flowCounter}`);
  const reports: ReceivedReport[] = [];
  const listeners = new Set<(received: ReceivedReport) => void>();

  const certificates = await sniCertificates(options.defaultHostname, options.certificateFor, labServerNames(options.defaultHostname));
  const flows = new WeakMap<Socket, string>();

  const server: Server = createSharedContextHttpsServer({ ...certificates, requestTimeout: REQUEST_TIMEOUT_MS });
  const keylog = options.keylog;
  if (keylog) server.on('keylog', (line: Buffer) => keylog(line));
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.setNoDelay(true);
    flows.set(socket, options.flowOfRemotePort?.(socket.remotePort ?? 0)?.flow ?? nextFlow());
  });
  server.on('tlsClientError', () => {});
  server.on('error', () => {});

  const store = (answer: UploadAccepted) => {
    const received: ReceivedReport = { at: new Date().toISOString(), report: answer.report, mediaType: answer.mediaType };
    reports.push(received);
    if (reports.length > keep) reports.shift();
    for (const listener of listeners) listener(received);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket as TLSSocket;
    const flow = flows.get(socket) ?? nextFlow();
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const link = options.flowOfRemotePort?.(socket.remotePort ?? 0)?.link ?? { from: `127.0.0.1:${socket.remotePort ?? 0}`, to: host || options.defaultHostname, port: options.labPort ?? 443 };
    const path = (req.url ?? '').split('?')[0];
    const requestLine = `${req.method} ${path}`;
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const contentType = req.headers['content-type'];
    const asked = uploadSentence(requestLine, host, mediaTypeOf(contentType));
    emit({ flow, link, layer: 'https', dir: 'c2s', summary: english(asked), detail: { kind: 'request', method: req.method ?? '', path, host, contentType, contentLength: declared, summaryText: asked } satisfies HttpsDetail, visibility: 'encrypted' });

    let answered = false;
    const answer = (result: UploadRefusal | UploadAccepted, bytes: number) => {
      if (answered || res.destroyed) return;
      answered = true;
      if (result.ok) store(result);
      const body = Buffer.from(`${result.reason}\n`);
      res.writeHead(result.status, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': String(body.length),
        ...(result.status === 405 ? { allow: 'POST' } : {}),
        connection: 'close',
      });
      res.end(body);
      const sentence = text('row.httpsAnswer', { request: requestLine, status: result.status, reason: result.reasonText });
      emit({
        flow,
        link,
        layer: 'https',
        dir: 's2c',
        summary: english(sentence),
        raw: body.toString('base64'),
        rule: result.rule,
        detail: {
          kind: 'response',
          status: result.status,
          reason: result.reason,
          reasonText: result.reasonText,
          bytes,
          summaryText: sentence,
          ...(result.ok ? { mediaType: result.mediaType, reportId: String(result.report['report-id']), organization: String(result.report['organization-name']) } : {}),
        } satisfies HttpsDetail,
        visibility: 'encrypted',
      });
    };

    const head = judgeHead({ method: req.method ?? '', path, contentType, contentLength: Number.isFinite(declared) ? declared : undefined }, reportPath, maxBytes);
    // Whatever is refused, the rest of the body is read and dropped, so the client sees the answer
    // instead of a reset connection.
    if (!head.ok) {
      answer(head, 0);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (answered) return;
      if (bytes > maxBytes) return answer(bodyTooLarge(maxBytes), bytes);
      chunks.push(chunk);
    });
    req.on('end', () => answer(judgeBody(head.mediaType, Buffer.concat(chunks), maxBytes), bytes));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    received: () => [...reports],
    onReport(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        listeners.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
