// The engine's web front end on 127.0.0.1: the built renderer, a small read-only HTTP API and the
// WebSocket that carries common/protocol.ts. See access.ts for who may use it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { isDnsName, isDnsType, type Locale } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import { createToken, hostAllowed, originAllowed, requestToken, requestUrl, tokenMatches } from './access.ts';
import { ApiSession, type PtyHost } from './api-session.ts';
import { toHostTable } from './host-table.ts';
import { ACTION_PATHS, labAction } from './lab-actions.ts';
import { labsList, type CourseApi } from './course-api.ts';
import { POSTCONF_PATH, postconfGet } from './postconf-api.ts';
import { captureGet } from './capture-api.ts';
import { CAPTURE_PATH } from '../../common/capture.ts';
import { securityHeaders, sendText, serveStatic } from './static-files.ts';
import { systemLocale as detectLocale } from './system-locale.ts';

export const WS_PATH = '/api/ws';
/** GET ?name=&type=&validate=1: a lookup through the lab resolver as the terminal, so it shows in the trace. */
export const DNS_QUERY_PATH = '/api/dns/query';
/** GET: the guided labs with this user's progress (`lab list`). */
export const LABS_PATH = '/api/labs';
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** Response headers of a paged GET: items kept before the page, and items let go to bound memory. */
export const OLDER_HEADER = 'X-SMTP-Lab-Older';
export const DROPPED_HEADER = 'X-SMTP-Lab-Dropped';

export interface ApiServerOptions {
  lab: LabRuntime;
  /** The guided labs and `lab solve --here` (docs/labs.md); absent: no labs. */
  course?: CourseApi;
  ptys: PtyHost | null;
  /** The built renderer, e.g. dist/renderer. */
  staticDir: string;
  /** Wanted port; when taken (or 0), any free one. */
  port?: number;
  token?: string;
  systemLocale?: Locale;
}

export interface ApiServer {
  port: number;
  token: string;
  /** What the learner opens: http://127.0.0.1:P/?token=T */
  url: string;
  /** The WebSocket endpoint without the token: ws://127.0.0.1:P/api/ws */
  ws: string;
  /** Base of the HTTP API: http://127.0.0.1:P */
  api: string;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const token = options.token ?? createToken();
  const locale = options.systemLocale ?? detectLocale();
  const sessions = new Set<ApiSession>();
  let port = 0;

  const server = createServer((req, res) => handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req, port)) return sendText(res, 403, 'forbidden', port);
    const path = requestUrl(req).pathname;
    if (req.method === 'POST' && (ACTION_PATHS as readonly string[]).includes(path)) return handleAction(req, res, path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed', port);
    if (!path.startsWith('/api/')) return serveStatic(options.staticDir, req, res, path, port);
    if (!tokenMatches(token, requestToken(req))) return sendText(res, 403, 'forbidden', port);
    if (path === POSTCONF_PATH) return sendJson(res, req, postconfGet(options.lab, requestUrl(req).searchParams));
    if (path === CAPTURE_PATH) {
      const reply = captureGet(options.lab, requestUrl(req).searchParams);
      return typeof reply === 'string' ? sendText(res, 400, reply, port) : sendJson(res, req, reply);
    }
    if (path === DNS_QUERY_PATH) return void dnsQuery(options.lab, requestUrl(req).searchParams).then((reply) => sendJson(res, req, reply));
    if (path === '/api/trace' || path === '/api/mailbox') return sendPage(res, req, pageOf(options.lab, path, requestUrl(req).searchParams));
    const body = path === LABS_PATH ? labsList(options.course) : apiResponse(options.lab, path);
    sendJson(res, req, body);
  };

  // POSTs come from the CLI with the run's token in a header; a browser page could not set it.
  const handleAction = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !tokenMatches(token, auth.slice(7).trim()) || !originAllowed(req, port)) return sendText(res, 403, 'forbidden', port);
    readJsonBody(req, MAX_ACTION_BODY).then(
      (body) =>
        labAction(options.lab, path, body, options.course).then((reply) => {
          res.writeHead(reply.status, { ...securityHeaders(port), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify(reply.body));
        }),
      (error: Error) => sendText(res, 400, error.message, port),
    ).catch((error: Error) => sendText(res, 500, error.message, port));
  };

  const sendJson = (res: ServerResponse, req: IncomingMessage, body: unknown) => {
    if (body === undefined) return sendText(res, 404, 'not found', port);
    res.writeHead(200, { ...securityHeaders(port), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
  };

  // A page, never the whole history: the headers say how many are kept before it and how many were let go.
  const sendPage = (res: ServerResponse, req: IncomingMessage, page: { items: unknown[]; older: number; dropped: number } | null) => {
    if (!page) return sendText(res, 400, 'before must be a trace seq (a number) or a mailbox id', port);
    res.writeHead(200, {
      ...securityHeaders(port),
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      [OLDER_HEADER]: String(page.older),
      [DROPPED_HEADER]: String(page.dropped),
    });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(page.items));
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    const allowed =
      url.pathname === WS_PATH && hostAllowed(req, port) && originAllowed(req, port) && tokenMatches(token, url.searchParams.get('token'));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  const connect = (ws: WebSocket) => {
    const session = new ApiSession({
      lab: options.lab,
      ptys: options.ptys,
      systemLocale: locale,
      ...(options.course ? { course: options.course.course } : {}),
      send: (message) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        // A renderer that stopped reading must not make the engine buffer without end.
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
        else ws.send(JSON.stringify(message));
      },
    });
    sessions.add(session);
    ws.on('message', (data, isBinary) => {
      let parsed: unknown = null;
      if (!isBinary) {
        try {
          parsed = JSON.parse(data.toString());
        } catch {
          parsed = null;
        }
      }
      session.receive(parsed);
    });
    ws.on('close', () => {
      session.dispose();
      sessions.delete(session);
    });
    ws.on('error', () => ws.terminate());
  };

  port = await listen(server, options.port ?? 0);
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    token,
    url: `${base}/?token=${token}`,
    ws: `ws://127.0.0.1:${port}${WS_PATH}`,
    api: base,
    close: async () => {
      for (const session of sessions) session.dispose();
      sessions.clear();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

const MAX_ACTION_BODY = 2 * 1024 * 1024;

function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null);
      } catch {
        reject(new Error('the body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function apiResponse(lab: LabRuntime, path: string): unknown {
  switch (path) {
    case '/api/outbox':
      return lab.sender?.outbox();
    case '/api/tlsrpt':
      return lab.sender?.reports();
    case '/api/dmarc':
      return lab.dmarc?.state();
    case '/api/policies':
      return lab.policyHost?.entries();
    case '/api/attack':
      return lab.attacker ? { attacks: lab.attacker.list(), status: lab.attacker.status() } : undefined;
    case '/api/hosts':
      return toHostTable(lab.hosts());
    default:
      return undefined;
  }
}

/** GET /api/trace?before=SEQ and /api/mailbox?before=ID: the newest page before that (or of all), oldest first. */
function pageOf(lab: LabRuntime, path: string, params: URLSearchParams): { items: unknown[]; older: number; dropped: number } | null {
  const before = params.get('before');
  if (path === '/api/trace') {
    if (before !== null && !/^\d{1,15}$/.test(before)) return null;
    const page = lab.trace.page(before === null ? {} : { before: Number(before) });
    return { items: page.events, older: page.older, dropped: page.dropped };
  }
  if (before !== null && before.length > 64) return null;
  const page = lab.mailbox.page(before === null ? {} : { before });
  return { items: page.messages, older: page.older, dropped: page.dropped };
}

/** The lookup `labdig` and `smtp` make through the lab; undefined (404) when the lab has no DNS or the query is malformed. */
async function dnsQuery(lab: LabRuntime, params: URLSearchParams): Promise<unknown> {
  const name = params.get('name') ?? '';
  const type = params.get('type') ?? 'A';
  if (!lab.dnsService || !isDnsName(name) || !isDnsType(type)) return undefined;
  try {
    const lang = params.get('lang');
    return await lab.dnsService.query(name, type, { validate: params.get('validate') === '1', ...(lang === 'ja' || lang === 'en' ? { locale: lang } : {}) });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Listens on 127.0.0.1 only; a taken port falls back to any free one. */
function listen(server: Server, wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = (port: number) => {
      const onError = (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' && port !== 0) attempt(0);
        else reject(error);
      };
      server.once('error', onError);
      server.listen({ host: '127.0.0.1', port }, () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    };
    attempt(wanted);
  });
}
