// One TCP connection through a lab link: accepted on the link's loopback port, dialed on to
// the target, every byte relayed and decoded into the trace, including how it ends
// (FIN each way, RST, refused).

import { connect, type Socket } from 'node:net';
import { nodeText } from '../../common/i18n/node-names.ts';
import { english, text, type Text } from '../../common/i18n/text.ts';
import type { TraceLink } from '../../common/trace.ts';
import type { TcpDetail } from '../../common/trace-details.ts';
import type { WireDir } from '../protocol/decoded-event.ts';
import { errorNote } from '../protocol/error-notes.ts';
import type { TraceEmitter, TraceEventInput } from '../trace/trace-store.ts';
import type { FlowDecoder } from './flow-decoder.ts';
import type { ConnectionContext, LinkInterceptor } from './link-interceptor.ts';

export const LOOPBACK = '127.0.0.1';

export interface RelayOptions {
  client: Socket;
  flow: string;
  link: TraceLink;
  targetPort: number;
  trace: TraceEmitter;
  decoder: FlowDecoder;
  interceptor: LinkInterceptor;
  /** Called once the upstream socket is connected, with its local port. */
  onUpstream(localPort: number): void;
  onClosed(): void;
}

type Event = Omit<TraceEventInput, 'flow' | 'link'>;

export function relayConnection(o: RelayOptions): { destroy(): void } {
  const { client, flow, link } = o;
  const peerName = { c2s: nodeText(link.from), s2c: link.to };
  const counts = { c2s: 0, s2c: 0 };
  const startedAt = Date.now();
  let finished = false;
  const emit = (event: Event) => o.trace.emit({ ...event, flow, link });
  const ctx: ConnectionContext = { flow, link, emit };
  const tcp = (dir: WireDir | 'none', sentence: Text, detail: TcpDetail) =>
    emit({ layer: 'tcp', dir, summary: english(sentence), detail: { ...detail, summaryText: sentence }, visibility: 'plaintext' });
  const port = link.port ?? '?';

  const record = (dir: WireDir, bytes: Buffer) => {
    counts[dir] += bytes.length;
    try {
      for (const event of o.decoder.feed(dir, bytes)) emit(event);
    } catch (err) {
      emit(errorNote('decoder-error', dir, err));
    }
  };

  client.setNoDelay(true);
  tcp('c2s', text('row.tcpOpen', { from: nodeText(link.from), to: link.to, port }), { kind: 'open', clientPort: client.remotePort });

  const upstream = connect({ host: LOOPBACK, port: o.targetPort, allowHalfOpen: true, noDelay: true });
  upstream.setNoDelay(true);
  const sockets: Record<WireDir, { from: Socket; to: Socket }> = {
    c2s: { from: client, to: upstream },
    s2c: { from: upstream, to: client },
  };
  const closed = { client: false, upstream: false };
  let reset = false;

  const finish = () => {
    if (finished || !closed.client || !closed.upstream) return;
    finished = true;
    try {
      for (const event of o.decoder.finish()) emit(event);
    } catch (err) {
      emit(errorNote('decoder-error', 'none', err));
    }
    tcp('none', text('row.tcpClosed', { sent: counts.c2s, received: counts.s2c }), {
      kind: 'closed',
      octets: { ...counts },
      durationMs: Date.now() - startedAt,
      reset,
    });
    o.interceptor.onClose?.(ctx);
    o.onClosed();
  };

  const relay = (dir: WireDir, chunk: Buffer) => {
    let out: Buffer | Buffer[] | null = chunk;
    try {
      if (o.interceptor.onChunk) out = o.interceptor.onChunk(dir, chunk, ctx);
    } catch (err) {
      emit(errorNote('interceptor-error', dir, err));
    }
    const list = out === null ? [] : Array.isArray(out) ? out : [out];
    const { from, to } = sockets[dir];
    let full = false;
    for (const bytes of list) {
      if (bytes.length === 0) continue;
      record(dir, bytes);
      if (!to.destroyed && to.writable && !to.write(bytes)) full = true;
    }
    if (full) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  };

  const onEnd = (dir: WireDir) => () => {
    tcp(dir, text('row.tcpFin', { peer: peerName[dir] }), { kind: 'fin' });
    const { to } = sockets[dir];
    if (!to.destroyed && to.writable) to.end();
  };

  const onError = (dir: WireDir) => (err: NodeJS.ErrnoException) => {
    const other = sockets[dir].to;
    const error = err.code ?? err.message;
    if (dir === 's2c' && !upstreamConnected) {
      tcp('s2c', text('row.tcpRefused', { to: link.to, port, error }), { kind: 'refused', error });
    } else {
      reset = true;
      tcp(dir, text('row.tcpReset', { peer: peerName[dir], error }), { kind: 'reset', error });
    }
    if (!other.destroyed) other.resetAndDestroy();
  };

  let upstreamConnected = false;
  client.on('error', onError('c2s'));
  upstream.on('error', onError('s2c'));
  client.on('close', () => {
    closed.client = true;
    if (!upstreamConnected && !upstream.destroyed) upstream.destroy();
    finish();
  });
  upstream.on('close', () => {
    closed.upstream = true;
    finish();
  });

  upstream.on('connect', () => {
    upstreamConnected = true;
    if (upstream.localPort !== undefined) o.onUpstream(upstream.localPort);
    if (client.destroyed) {
      upstream.destroy();
      return;
    }
    if (o.interceptor.takeOver?.({ ...ctx, client, upstream, record })) return;
    client.on('data', (chunk: Buffer) => relay('c2s', chunk));
    upstream.on('data', (chunk: Buffer) => relay('s2c', chunk));
    client.on('end', onEnd('c2s'));
    upstream.on('end', onEnd('s2c'));
    // The listener accepted it paused (pauseOnConnect) so nothing was read before the upstream was up.
    client.resume();
  });

  return {
    destroy() {
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    },
  };
}
