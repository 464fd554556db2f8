// Loopback helpers for the peer benches: a free port, and waiting for something with a deadline.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Tries `attempt` until it resolves, or throws what it last failed with once `ms` have passed. */
export async function retryUntil<T>(ms: number, what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      await sleep(5);
    }
  }
  throw new Error(`${what}: not ready within ${ms} ms (${last instanceof Error ? last.message : String(last)})`);
}
