// The desktop shell's bridge: what the preload exposes on window.smtpLab and the two IPC channels
// it relays over. The messages are the same ClientMessage/ServerMessage as on the WebSocket.
import type { ClientMessage, ServerMessage } from './protocol.ts';

/** Page -> main process: one ClientMessage. */
export const TO_ENGINE = 'smtp-lab:to-engine';
/** Main process -> page: one ServerMessage. */
export const TO_RENDERER = 'smtp-lab:to-renderer';

/** window.smtpLab in the desktop window. */
export interface SmtpLabBridge {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): void;
}
