// What the main process relays from the page to the engine: exactly what the engine's own parser
// accepts (common/protocol.ts), so the shell and the WebSocket API never disagree on the contract.
// The engine validates again; this keeps a compromised page from reaching it with anything else.
import { parseClientMessage, type ClientMessage } from '../common/protocol.ts';

/** The engine's largest field (pty.input, policy.set: 1 MiB of text) with room for the envelope. */
const MAX_MESSAGE_CHARS = (1 << 20) + 1024;

/** The message as the engine will read it, or null when it is not a ClientMessage. */
export function relayableMessage(value: unknown): ClientMessage | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  try {
    if (JSON.stringify(value).length > MAX_MESSAGE_CHARS) return null;
  } catch {
    return null;
  }
  return parseClientMessage(value);
}
