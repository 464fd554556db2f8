// common/protocol.ts over a Node IPC channel (child_process.fork, Electron's utilityProcess): the
// desktop shell relays its windows' messages here, one ApiSession per window.
import type { ClientMessage, ServerMessage } from '../../common/protocol.ts';
import type { LabRunInfo } from '../../common/lab.ts';
import type { ApiSession } from './api-session.ts';

/** Parent -> engine. `session` names one renderer (e.g. a window's webContents id). */
export type IpcInbound = { session: number; message: ClientMessage | unknown } | { session: number; closed: true };

/** Engine -> parent. */
export type IpcOutbound = { ready: LabRunInfo } | { session: number; message: ServerMessage };

export interface IpcChannel {
  send(message: IpcOutbound): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** Routes envelopes to a session per renderer; sessions are created on first use. */
export function serveOverIpc(channel: IpcChannel, createSession: (send: (message: ServerMessage) => void) => ApiSession): { closeAll(): void } {
  const sessions = new Map<number, ApiSession>();
  channel.onMessage((raw) => {
    if (typeof raw !== 'object' || raw === null) return;
    const envelope = raw as Record<string, unknown>;
    const id = envelope.session;
    if (typeof id !== 'number' || !Number.isInteger(id)) return;
    if (envelope.closed === true) {
      sessions.get(id)?.dispose();
      sessions.delete(id);
      return;
    }
    let session = sessions.get(id);
    if (!session) {
      session = createSession((message) => channel.send({ session: id, message }));
      sessions.set(id, session);
    }
    session.receive(envelope.message);
  });
  return {
    closeAll: () => {
      for (const session of sessions.values()) session.dispose();
      sessions.clear();
    },
  };
}
