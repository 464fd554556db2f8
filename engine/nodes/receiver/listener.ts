import type { SMTPServer } from 'smtp-server';

/** Listens on a free loopback port; returns it. A failed handshake or socket error is logged, never fatal. */
export async function startListener(server: SMTPServer, label: string): Promise<number> {
  server.on('error', (err: Error) => {
    if (process.env.SMTP_LAB_DEBUG) console.error(`${label}: ${err.message}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error(`${label}: listener has no port`);
  return address.port;
}
