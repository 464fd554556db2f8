// Lab servers share one TLS context per distinct set of options: the same options give the same
// context, another certificate or version range another one, and a server built on it still
// presents its own certificate in a real handshake. Fails if Node stops keeping the context
// of an https server in `_sharedCreds` (shared-server-contexts.ts relies on it).
import { mkdtemp, rm } from 'node:fs/promises';
import { Server as HttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type SecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedContextHttpsServer, SharedContextSmtpServer, sharedServerContext } from '../../../engine/nodes/shared-server-contexts.ts';
import { loadLabPki, type LabPki } from '../../../engine/pki/lab-pki.ts';

const contextOf = (server: object) => (server as { _sharedCreds?: SecureContext })._sharedCreds;

describe('shared server TLS contexts', () => {
  let dir: string;
  let pki: LabPki;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shared-contexts-'));
    pki = await loadLabPki(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('Node keeps an https server context in _sharedCreds', async () => {
    const leaf = await pki.leaf('mta-sts.example.jp');
    const plain = new HttpsServer({ cert: leaf.certPem, key: leaf.keyPem });
    expect(contextOf(plain)?.context).toBeDefined();
  });

  it('gives equal options one context and different options another', async () => {
    const a = await pki.leaf('mta-sts.example.jp');
    const b = await pki.leaf('tlsrpt.example.jp');
    expect(sharedServerContext({ cert: a.certPem, key: a.keyPem })).toBe(sharedServerContext({ cert: a.certPem, key: a.keyPem }));
    expect(sharedServerContext({ cert: a.certPem, key: a.keyPem })).not.toBe(sharedServerContext({ cert: b.certPem, key: b.keyPem }));
    expect(sharedServerContext({ cert: a.certPem, key: a.keyPem, minVersion: 'TLSv1.3' })).not.toBe(sharedServerContext({ cert: a.certPem, key: a.keyPem }));
    const one = createSharedContextHttpsServer({ cert: a.certPem, key: a.keyPem });
    const two = createSharedContextHttpsServer({ cert: a.certPem, key: a.keyPem });
    expect(contextOf(one)).toBe(contextOf(two));
    const smtpOne = new SharedContextSmtpServer({ cert: a.certPem, key: a.keyPem, minVersion: 'TLSv1.2' });
    const smtpTwo = new SharedContextSmtpServer({ cert: a.certPem, key: a.keyPem, minVersion: 'TLSv1.2' });
    expect(smtpOne.secureContext.get('*')).toBe(smtpTwo.secureContext.get('*'));
    smtpTwo.updateSecureContext({ cert: b.certPem, key: b.keyPem });
    expect(smtpTwo.secureContext.get('*')).not.toBe(smtpOne.secureContext.get('*'));
  });

  it('serves a real handshake with each server its own certificate', async () => {
    const names = ['mta-sts.example.jp', 'tlsrpt.example.jp'];
    for (const name of names) {
      const leaf = await pki.leaf(name);
      const server = createSharedContextHttpsServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const seen = await new Promise<string | undefined>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, servername: name, ca: pki.caCertPem }, () => {
          resolve(socket.getPeerX509Certificate()?.subjectAltName);
          socket.end();
        });
        socket.on('error', reject);
      });
      await new Promise((resolve) => server.close(resolve));
      expect(seen).toContain(`DNS:${name}`);
    }
  });
});
