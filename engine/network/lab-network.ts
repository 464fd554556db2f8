// The virtual network: each link (a node reaching a lab host on a lab port) is a relay that
// listens on a free loopback port and forwards to the host's real loopback port. Lab
// addresses are labels; every socket is on 127.0.0.1.

import { createServer, type Server, type Socket } from 'node:net';
import type { TraceLink } from '../../common/trace.ts';
import type { Text } from '../../common/i18n/text.ts';
import type { TcpDetail } from '../../common/trace-details.ts';
import type { FlowIdAllocator } from '../trace/flow-ids.ts';
import type { TraceEmitter } from '../trace/trace-store.ts';
import { smtpDecoder, type FlowDecoder } from './flow-decoder.ts';
import { passThrough, type LinkInterceptor } from './link-interceptor.ts';
import { LOOPBACK, relayConnection } from './relay-connection.ts';

export interface LinkSpec {
  /** Node id of the side that connects, e.g. "terminal". */
  from: string;
  /** Lab hostname of the side that accepts, e.g. "mx.example.jp". */
  to: string;
  /** Lab port, e.g. 25. */
  port: number;
  /** Loopback port the relay dials. */
  targetPort: number;
  interceptor?: LinkInterceptor;
  /** Decoder for the bytes of each connection; SMTP by default. */
  decoder?: () => FlowDecoder;
}

export interface LabLink {
  readonly spec: LinkSpec;
  /** Loopback port the link listens on: what a client on `from` dials to reach `to:port`. */
  readonly listenPort: number;
  setInterceptor(interceptor: LinkInterceptor | null): void;
}

/** Why a connection on a link is refused, or null to let it through. */
export type LinkFilter = (spec: LinkSpec) => { by: string; rule: string; summary: string; summaryText?: Text } | null;

export interface FlowOfPort {
  flow: string;
  link: TraceLink;
}

// A receiver may ask for a connection's flow shortly after the relay saw it close.
const PORT_MAP_GRACE_MS = 60_000;

export class LabNetwork {
  private readonly servers: Server[] = [];
  private readonly active = new Set<{ destroy(): void }>();
  private readonly upstreamPorts = new Map<number, FlowOfPort>();
  private readonly clientPorts = new Map<number, FlowOfPort>();
  private readonly linkList: LabLink[] = [];

  constructor(
    private readonly trace: TraceEmitter,
    private readonly flows: FlowIdAllocator,
  ) {}

  links(): LabLink[] {
    return [...this.linkList];
  }

  /** The flow of the relay connection whose outbound socket has this local port. */
  flowOfUpstreamPort(localPort: number): FlowOfPort | undefined {
    return this.upstreamPorts.get(localPort);
  }

  /** The flow of the relay connection a lab client opened from this local port (the sender asks for its own). */
  flowOfClientPort(localPort: number): FlowOfPort | undefined {
    return this.clientPorts.get(localPort);
  }

  private filter: LinkFilter | null = null;

  /** Refuses new connections the filter names (a reason), e.g. OP25B on the terminal's ISP link; null removes it. */
  setFilter(filter: LinkFilter | null): void {
    this.filter = filter;
  }

  async addLink(spec: LinkSpec): Promise<LabLink> {
    let interceptor = spec.interceptor ?? passThrough;
    const decoder = spec.decoder ?? smtpDecoder;
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client: Socket) => {
      const flow = this.flows.next();
      const link: TraceLink = { from: spec.from, to: spec.to, port: spec.port };
      const blocked = this.filter?.(spec);
      if (blocked) {
        // A filter on the path (the ISP's OP25B): the connection is refused before it reaches the server.
        const detail: TcpDetail = { kind: 'blocked', by: blocked.by, rule: blocked.rule, ...(blocked.summaryText ? { summaryText: blocked.summaryText } : {}) };
        this.trace.emit({ flow, link, layer: 'tcp', dir: 'none', summary: blocked.summary, detail, visibility: 'plaintext', rule: blocked.rule });
        client.resetAndDestroy();
        return;
      }
      const entry = { flow, link };
      let upstreamPort: number | undefined;
      const clientPort = client.remotePort;
      if (clientPort !== undefined) this.clientPorts.set(clientPort, entry);
      const handle = relayConnection({
        client,
        flow,
        link,
        targetPort: spec.targetPort,
        trace: this.trace,
        decoder: decoder(),
        interceptor,
        onUpstream: (port) => {
          upstreamPort = port;
          this.upstreamPorts.set(port, entry);
        },
        onClosed: () => {
          this.active.delete(handle);
          if (clientPort !== undefined && this.clientPorts.get(clientPort) === entry) this.clientPorts.delete(clientPort);
          if (upstreamPort === undefined) return;
          const port = upstreamPort;
          setTimeout(() => {
            if (this.upstreamPorts.get(port) === entry) this.upstreamPorts.delete(port);
          }, PORT_MAP_GRACE_MS).unref();
        },
      });
      this.active.add(handle);
    });
    server.on('error', (err) => console.error(`link ${spec.from} → ${spec.to}:${spec.port}:`, err.message));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK, port: 0 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.servers.push(server);
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('link listener has no port');
    const labLink: LabLink = {
      spec,
      listenPort: address.port,
      setInterceptor(next) {
        interceptor = next ?? passThrough;
      },
    };
    this.linkList.push(labLink);
    return labLink;
  }

  async close(): Promise<void> {
    for (const handle of this.active) handle.destroy();
    this.active.clear();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    this.servers.length = 0;
  }
}
