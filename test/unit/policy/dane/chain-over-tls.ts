// Both ends of the DANE-TA chain tests on 127.0.0.1: a TLS server that presents a given
// certificate list (leaf only, or leaf + CA) and hangs up, and the sender's view of its chain
// through a connection with a given trust store.
import { connect, createServer, type TLSSocket } from 'node:tls';
import { peerChainDer } from '../../../../engine/nodes/sender/peer-chain.ts';
import { secureContextFor } from '../../../../engine/nodes/sender/trust-store.ts';

export interface PresentingServer {
  port: number;
  close(): Promise<void>;
}

const IDLE_MS = 5_000;

export async function presentingServer(certPem: string, keyPem: string): Promise<PresentingServer> {
  const sockets = new Set<TLSSocket>();
  const server = createServer({ cert: certPem, key: keyPem }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.end();
  });
  server.on('tlsClientError', () => {});
  server.on('connection', (tcp) => tcp.setTimeout(IDLE_MS, () => tcp.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The chain peerChainDer reports for a connection that trusts these CA certificates (PEM). */
export function chainSeenBySender(port: number, trustedCaPems: readonly string[]): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'mx.example.jp', secureContext: secureContextFor(trustedCaPems), rejectUnauthorized: false });
    socket.setTimeout(IDLE_MS, () => socket.destroy(new Error('TLS handshake timed out')));
    socket.once('secureConnect', () => {
      const chain = peerChainDer(socket);
      socket.destroy();
      resolve(chain);
    });
    socket.once('error', reject);
  });
}
