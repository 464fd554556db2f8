// The two IPC channels between the preload bridge and the main process, and the cheap shape check
// the main process applies before relaying (the engine validates every field again).

export const TO_ENGINE = 'smtp-lab:to-engine';
export const TO_RENDERER = 'smtp-lab:to-renderer';

const CLIENT_TYPES = new Set(['hello', 'pty.open', 'pty.input', 'pty.resize', 'pty.ack', 'pty.close', 'trace.clear']);
/** Matches the engine's own limit on pty.input (1 MiB of text) with room for the envelope. */
const MAX_MESSAGE_CHARS = (1 << 20) + 1024;

export function isClientMessageShape(value: unknown): value is { type: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !CLIENT_TYPES.has(type)) return false;
  try {
    return JSON.stringify(value).length <= MAX_MESSAGE_CHARS;
  } catch {
    return false;
  }
}
