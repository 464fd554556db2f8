// How long to wait before dialling the engine again: quick at first, then politely slower.

export const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000] as const;

export function reconnectDelay(attempt: number): number {
  const index = Math.min(Math.max(attempt, 0), RECONNECT_DELAYS_MS.length - 1);
  return RECONNECT_DELAYS_MS[index];
}

/** The API WebSocket for a page served by the engine: same host, token from the page's URL. */
export function webSocketUrl(location: { protocol: string; host: string; search: string }): string | null {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/ws?token=${encodeURIComponent(token)}`;
}
