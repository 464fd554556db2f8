// The MTA-STS policy host (RFC 8461 §3.3): a real HTTPS server on 127.0.0.1 serving
// /.well-known/mta-sts.txt per policy domain from a PolicyStore, with a lab CA certificate
// chosen by SNI. Every request and answer becomes an `https` trace event.
import type { Server } from 'node:https';
import { createSharedContextHttpsServer } from '../shared-server-contexts.ts';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { english } from '../../../common/i18n/text.ts';
import type { HttpsDetail } from '../../../common/trace-details.ts';
import type { HttpsHostOptions } from '../https/https-host-options.ts';
import { requestSentence, responseSentence } from '../https/https-rows.ts';
import { labServerNames } from '../https/lab-server-names.ts';
import { sniCertificates } from '../https/sni-certificates.ts';
import { answerFor, type PolicyAnswer } from './answer.ts';
import { PolicyStore } from './policy-store.ts';

export interface PolicyHostOptions extends HttpsHostOptions {
  store?: PolicyStore;
}

export interface PolicyHost {
  port: number;
  store: PolicyStore;
  close(): Promise<void>;
}

const POLICY_HOST_PREFIX = 'mta-sts.';

export async function startPolicyHost(options: PolicyHostOptions): Promise<PolicyHost> {
  const store = options.store ?? new PolicyStore();
  const emit = options.emit ?? (() => {});
  let flowCounter = 0;
  const nextFlow = options.nextFlow ?? (() => `https${++flowCounter}`);
  // RFC 8461 §3.3: the policy of <domain> is fetched from mta-sts.<domain>.
  const servesPolicyHost = (name: string) => name.startsWith(POLICY_HOST_PREFIX) && store.get(name.slice(POLICY_HOST_PREFIX.length)) !== undefined;
  const certificates = await sniCertificates(options.defaultHostname, options.certificateFor, labServerNames(options.defaultHostname, servesPolicyHost));
  const flows = new WeakMap<Socket, string>();
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createSharedContextHttpsServer(certificates);
  const keylog = options.keylog;
  if (keylog) server.on('keylog', (line: Buffer) => keylog(line));
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.setNoDelay(true);
    flows.set(socket, options.flowOfRemotePort?.(socket.remotePort ?? 0)?.flow ?? nextFlow());
  });
  server.on('tlsClientError', () => {});
  server.on('error', () => {});

  server.on('request', (req, res) => {
    const socket = req.socket as TLSSocket;
    const flow = flows.get(socket) ?? nextFlow();
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const link = options.flowOfRemotePort?.(socket.remotePort ?? 0)?.link ?? { from: `127.0.0.1:${socket.remotePort ?? 0}`, to: host || options.defaultHostname, port: options.labPort ?? 443 };
    const requestLine = `${req.method} ${req.url}`;
    const asked = requestSentence(requestLine, host);
    emit({ flow, link, layer: 'https', dir: 'c2s', summary: english(asked), detail: { kind: 'request', method: req.method ?? '', path: req.url ?? '', host, summaryText: asked } satisfies HttpsDetail, visibility: 'encrypted' });
    const answer = answerFor(store, req.method ?? '', host, (req.url ?? '').split('?')[0]);
    const send = () => {
      if (res.destroyed) return;
      respond(res, answer);
      const { location } = answer.headers;
      const answered = responseSentence(requestLine, { status: answer.status, contentType: answer.headers['content-type'] ?? '', bytes: answer.body.length, ...(location ? { location } : {}) });
      emit({
        flow,
        link,
        layer: 'https',
        dir: 's2c',
        summary: english(answered),
        raw: answer.body.subarray(0, 4096).toString('base64'),
        detail: { kind: 'response', status: answer.status, contentType: answer.headers['content-type'], bytes: answer.body.length, lesson: answer.lesson, ...(location ? { location } : {}), summaryText: answered } satisfies HttpsDetail,
        visibility: 'encrypted',
      });
    };
    if (answer.delayMs <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, answer.delayMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
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
    store,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function respond(res: import('node:http').ServerResponse, answer: PolicyAnswer): void {
  // RFC 8461 §3.3 forbids HTTP caching on the sender side; say so on the wire too.
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length), 'cache-control': 'no-store', connection: 'close' });
  res.end(answer.body);
}
