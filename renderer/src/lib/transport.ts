// How the renderer reaches the engine: the preload bridge on the desktop, otherwise a WebSocket
// to the engine that served this page, with the token from the page's own URL.
import type { SmtpLabBridge } from '../../../common/desktop-bridge.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import { reconnectDelay, webSocketUrl } from './reconnect.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

declare global {
  interface Window {
    smtpLab?: SmtpLabBridge;
  }
}

export interface TransportListener {
  message(message: ServerMessage): void;
  /** `retryAt`: when the next attempt starts (Date.now() clock), while closed. */
  state(state: ConnectionState, retryAt?: number): void;
}

export interface Transport {
  send(message: ClientMessage): void;
  close(): void;
}

export function connectTransport(listener: TransportListener): Transport {
  return window.smtpLab ? bridgeTransport(window.smtpLab, listener) : webSocketTransport(listener);
}

function isServerMessage(value: unknown): value is ServerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Desktop: the main process keeps the engine connection; the page only relays. */
function bridgeTransport(bridge: SmtpLabBridge, listener: TransportListener): Transport {
  let closed = false;
  listener.state('connecting');
  bridge.onMessage((message) => {
    if (closed || !isServerMessage(message)) return;
    if (message.type === 'welcome') listener.state('open');
    listener.message(message);
  });
  bridge.send({ type: 'hello' });
  return {
    send: (message) => {
      if (!closed) bridge.send(message);
    },
    close: () => {
      closed = true;
    },
  };
}

/** Web mode: one WebSocket, redialled after a drop with growing pauses. */
function webSocketTransport(listener: TransportListener): Transport {
  const url = webSocketUrl(window.location);
  if (!url) {
    listener.state('unauthorized');
    return { send: () => {}, close: () => {} };
  }
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const dial = () => {
    timer = undefined;
    listener.state('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      listener.state('open');
      ws.send(JSON.stringify({ type: 'hello' } satisfies ClientMessage));
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      if (isServerMessage(parsed)) listener.message(parsed);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (stopped) return;
      const delay = reconnectDelay(attempt++);
      listener.state('closed', Date.now() + delay);
      timer = setTimeout(dial, delay);
    };
    ws.onerror = () => {
      // onclose follows and schedules the next attempt.
    };
  };

  const onOnline = () => {
    // The network came back: do not wait out the pause.
    if (timer !== undefined && !stopped) {
      clearTimeout(timer);
      dial();
    }
  };
  window.addEventListener('online', onOnline);
  dial();

  return {
    send: (message) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    close: () => {
      stopped = true;
      window.removeEventListener('online', onOnline);
      if (timer !== undefined) clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}
