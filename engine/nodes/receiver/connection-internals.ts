// smtp-server keeps its per-connection objects private; the receiver reaches two of their
// methods (the command dispatcher and the STARTTLS upgrade) to guard and to trace them.

import type { SMTPServer } from 'smtp-server';

/** The command-line parser smtp-server feeds from the socket (SMTPStream). */
export interface CommandParserInternals {
  isClosed: boolean;
  oncommand(command: Buffer, callback?: () => void): void;
  removeAllListeners(event: string): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** The parts of smtp-server's per-connection object the receiver relies on. */
export interface ConnectionInternals {
  id: string;
  _upgrading?: boolean;
  _nextHandler?: unknown;
  _parser?: CommandParserInternals | false;
  _onCommand(command: Buffer, callback?: () => void): unknown;
  upgrade(callback: () => void, secureCallback?: () => void): unknown;
  send(code: number, data?: string, context?: string | false): void;
}

export function findConnection(server: SMTPServer, sessionId: string): ConnectionInternals | undefined {
  const connections = (server as unknown as { connections?: Set<ConnectionInternals> }).connections;
  if (!connections) return undefined;
  for (const conn of connections) if (conn.id === sessionId) return conn;
  return undefined;
}
