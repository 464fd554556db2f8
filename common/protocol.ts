// The one typed protocol between the renderer and the engine. Carried as JSON over a
// WebSocket on 127.0.0.1 (web mode) or over Electron IPC via the preload bridge (desktop).

import type { LabHost, MailboxMessage } from './lab.ts';
import type { TraceEvent } from './trace.ts';

export type Locale = 'ja' | 'en';

/** Renderer -> engine. */
export type ClientMessage =
  | { type: 'hello' }
  | { type: 'pty.open'; cols: number; rows: number }
  | { type: 'pty.input'; id: number; data: string }
  | { type: 'pty.resize'; id: number; cols: number; rows: number }
  /** Flow control (xterm.js guide): bytes of pty.data the renderer has written to the terminal. */
  | { type: 'pty.ack'; id: number; bytes: number }
  | { type: 'pty.close'; id: number }
  | { type: 'trace.clear' };

/** Engine -> renderer. */
export type ServerMessage =
  | { type: 'welcome'; hosts: LabHost[]; trace: TraceEvent[]; mailbox: MailboxMessage[]; systemLocale: Locale }
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'trace.cleared' }
  | { type: 'mailbox.added'; message: MailboxMessage }
  | { type: 'pty.opened'; id: number }
  | { type: 'pty.data'; id: number; data: string }
  | { type: 'pty.exit'; id: number; exitCode: number; signal?: number }
  | { type: 'error'; message: string };

const CLIENT_TYPES = new Set(['hello', 'pty.open', 'pty.input', 'pty.resize', 'pty.ack', 'pty.close', 'trace.clear']);

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Validates an untrusted message from a renderer; returns null when its shape is wrong. */
export function parseClientMessage(value: unknown): ClientMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string' || !CLIENT_TYPES.has(m.type)) return null;
  switch (m.type) {
    case 'hello':
    case 'trace.clear':
      return { type: m.type };
    case 'pty.open':
      return isInt(m.cols, 1, 1000) && isInt(m.rows, 1, 1000) ? { type: 'pty.open', cols: m.cols, rows: m.rows } : null;
    case 'pty.input':
      return isInt(m.id, 0, 2 ** 31) && typeof m.data === 'string' && m.data.length <= 1 << 20
        ? { type: 'pty.input', id: m.id, data: m.data }
        : null;
    case 'pty.resize':
      return isInt(m.id, 0, 2 ** 31) && isInt(m.cols, 1, 1000) && isInt(m.rows, 1, 1000)
        ? { type: 'pty.resize', id: m.id, cols: m.cols, rows: m.rows }
        : null;
    case 'pty.ack':
      return isInt(m.id, 0, 2 ** 31) && isInt(m.bytes, 0, 2 ** 31) ? { type: 'pty.ack', id: m.id, bytes: m.bytes } : null;
    case 'pty.close':
      return isInt(m.id, 0, 2 ** 31) ? { type: 'pty.close', id: m.id } : null;
  }
  return null;
}
