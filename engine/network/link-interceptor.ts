// The seam where an on-path attacker sits on a link. Without one, a link relays every byte
// unchanged (pass-through).

import type { Socket } from 'node:net';
import type { TraceLink } from '../../common/trace.ts';
import type { WireDir } from '../protocol/decoded-event.ts';
import type { TraceEventInput } from '../trace/trace-store.ts';

/** One relayed TCP connection, as an interceptor sees it. */
export interface ConnectionContext {
  flow: string;
  link: TraceLink;
  /** Emits a trace event on this connection's flow and link. */
  emit(event: Omit<TraceEventInput, 'flow' | 'link'>): void;
}

/** Given to an interceptor that takes a connection over: it moves the bytes itself. */
export interface TakenOverConnection extends ConnectionContext {
  /** The side that opened the connection (e.g. the learner's terminal or the sender). */
  client: Socket;
  /** The connection the relay dialed to the link's target. */
  upstream: Socket;
  /** Records bytes as delivered in dir (decoded into the trace like relayed bytes). */
  record(dir: WireDir, bytes: Buffer): void;
}

export interface LinkInterceptor {
  /**
   * Sees each chunk on its way and returns what to deliver instead: the same Buffer to pass
   * it on, other bytes to change it, null or an empty array to drop it. The trace decodes
   * what is delivered, which is what the receiving peer acts on.
   */
  onChunk?(dir: WireDir, chunk: Buffer, conn: ConnectionContext): Buffer | Buffer[] | null;
  /** Returns true to take both sockets over; the relay then neither pipes nor closes them. */
  takeOver?(conn: TakenOverConnection): boolean;
  /** Called once per connection after both sides closed. */
  onClose?(conn: ConnectionContext): void;
}

export const passThrough: LinkInterceptor = {};
