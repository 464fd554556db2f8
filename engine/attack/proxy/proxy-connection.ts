// The attacker's relay for one connection it took over (engine/network/link-interceptor.ts):
// it reads both sockets and lets the attack decide, chunk by chunk, what goes on. Whatever is
// delivered is recorded into the trace exactly as sent. Backpressure: while either side cannot
// take more, neither side is read. Half-closes are passed on; resets are handled by the relay
// that handed the sockets over (it resets the other side).

import type { Socket } from 'node:net';
import { nodeText } from '../../../common/i18n/node-names.ts';
import { english, text, type Text } from '../../../common/i18n/text.ts';
import type { TcpDetail } from '../../../common/trace-details.ts';
import type { WireDir } from '../../protocol/decoded-event.ts';
import { errorNote } from '../../protocol/error-notes.ts';
import type { ConnectionContext, TakenOverConnection } from '../../network/link-interceptor.ts';

export interface ProxyIo {
  readonly conn: ConnectionContext;
  /** Delivers bytes: c2s to the server, s2c to the client; the trace records them. */
  send(dir: WireDir, bytes: Buffer): void;
  /** Records bytes in the trace without sending them (a command the attacker swallowed). */
  record(dir: WireDir, bytes: Buffer): void;
  /** Passes a FIN on in dir (the side that receives dir gets it). */
  end(dir: WireDir): void;
  /** Kills the connection with a TCP reset to both sides. */
  reset(): void;
  /** Stops relaying and hands over both sockets (e.g. to end TLS in the middle). */
  release(): { client: Socket; upstream: Socket };
}

export interface ConnectionHandler {
  /** Decides what to do with a chunk; must deliver it (changed or not) through io, or drop it. */
  data(dir: WireDir, chunk: Buffer, io: ProxyIo): void;
  /** A FIN arrived from the side that sends dir; the default passes it on. */
  end?(dir: WireDir, io: ProxyIo): void;
  /** Both sockets closed. */
  closed?(): void;
}

export function runProxy(conn: TakenOverConnection, handler: ConnectionHandler): void {
  const { client, upstream } = conn;
  const source: Record<WireDir, Socket> = { c2s: client, s2c: upstream };
  const target: Record<WireDir, Socket> = { c2s: upstream, s2c: client };
  const peer: Record<WireDir, Text | string> = { c2s: nodeText(conn.link.from), s2c: conn.link.to };
  const full = new Set<Socket>();
  let released = false;

  const resume = () => {
    if (released || full.size > 0) return;
    client.resume();
    upstream.resume();
  };
  const write = (to: Socket, bytes: Buffer) => {
    if (to.destroyed || !to.writable) return;
    if (to.write(bytes) || full.has(to)) return;
    full.add(to);
    client.pause();
    upstream.pause();
    to.once('drain', () => {
      full.delete(to);
      resume();
    });
  };

  const io: ProxyIo = {
    conn,
    send(dir, bytes) {
      if (bytes.length === 0) return;
      conn.record(dir, bytes);
      write(target[dir], bytes);
    },
    record(dir, bytes) {
      if (bytes.length > 0) conn.record(dir, bytes);
    },
    end(dir) {
      const to = target[dir];
      if (!to.destroyed && to.writable) to.end();
    },
    reset() {
      if (!client.destroyed) client.resetAndDestroy();
      if (!upstream.destroyed) upstream.resetAndDestroy();
    },
    release() {
      released = true;
      for (const dir of ['c2s', 's2c'] as const) {
        source[dir].off('data', onData[dir]);
        source[dir].off('end', onEnd[dir]);
      }
      return { client, upstream };
    },
  };

  const onData: Record<WireDir, (chunk: Buffer) => void> = {
    c2s: (chunk) => handle('c2s', chunk),
    s2c: (chunk) => handle('s2c', chunk),
  };
  const handle = (dir: WireDir, chunk: Buffer) => {
    try {
      handler.data(dir, chunk, io);
    } catch (err) {
      conn.emit(errorNote('attack-error', dir, err));
      io.send(dir, chunk);
    }
  };
  const finOf = (dir: WireDir) => () => {
    const summaryText = text('row.tcpFin', { peer: peer[dir] });
    const detail: TcpDetail = { kind: 'fin', summaryText };
    conn.emit({ layer: 'tcp', dir, summary: english(summaryText), detail, visibility: 'plaintext' });
    if (handler.end) handler.end(dir, io);
    else io.end(dir);
  };
  const onEnd: Record<WireDir, () => void> = { c2s: finOf('c2s'), s2c: finOf('s2c') };

  for (const dir of ['c2s', 's2c'] as const) {
    source[dir].on('data', onData[dir]);
    source[dir].on('end', onEnd[dir]);
  }
  let closedCount = 0;
  const onClosed = () => {
    if (++closedCount === 2) handler.closed?.();
  };
  client.once('close', onClosed);
  upstream.once('close', onClosed);
  // The link accepted the client paused (pauseOnConnect): nothing was read before now.
  client.resume();
}
