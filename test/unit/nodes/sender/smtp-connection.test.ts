// The client session over real sockets against a real smtp-server on 127.0.0.1, with STARTTLS
// and a certificate from the lab CA.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabPki, type LabPki } from '../../../../engine/pki/lab-pki.ts';
import { createRootCa } from '../../../../engine/pki/issue.ts';
import { runSmtpConnection, type ConnectionEvent } from '../../../../engine/nodes/sender/smtp-connection.ts';
import { SmtpClientSession } from '../../../../engine/protocol/smtp-client/session.ts';
import type { SessionPolicy } from '../../../../engine/protocol/smtp-client/types.ts';

const opportunistic: SessionPolicy = {
  tls: ({ extensions, refused }) =>
    extensions.starttls && !refused ? { action: 'starttls', rule: 'RFC 3207 §4', reason: 'offered' } : { action: 'plaintext', rule: 'RFC 3207 §4', reason: 'not offered' },
};
const verified: SessionPolicy = {
  ...opportunistic,
  afterTls: (info) =>
    info.authorized ? { action: 'continue', rule: 'RFC 8461 §4.2', reason: 'certificate valid' } : { action: 'quit', rule: 'RFC 8461 §4.2', reason: `certificate invalid: ${info.authorizationError}` },
};

interface Received {
  from?: string;
  to: string[];
  body: string;
  secure: boolean;
  protocol?: string;
}

async function startServer(pki: LabPki, extra: Partial<SMTPServerOptions> = {}) {
  const leaf = await pki.leaf('mx.example.jp');
  const mails: Received[] = [];
  const server = new SMTPServer({
    name: 'mx.example.jp',
    key: leaf.keyPem,
    cert: leaf.certPem,
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onSecure(socket, session, callback) {
      (session as unknown as { protocol: string }).protocol = (socket as unknown as { getProtocol(): string }).getProtocol();
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          body: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          protocol: (session as unknown as { protocol?: string }).protocol,
        });
        callback();
      });
    },
    ...extra,
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const MESSAGE = 'From: a@sender.example\r\nTo: b@example.jp\r\nSubject: test\r\n\r\nline\r\n.dot line\r\n.\r\nend\r\n';

function newSession(policy: SessionPolicy) {
  return new SmtpClientSession({
    clientName: 'mail.sender.example',
    serverName: 'mx.example.jp',
    from: 'a@sender.example',
    to: ['b@example.jp'],
    message: Buffer.from(MESSAGE),
    policy,
    timeoutsMs: { greeting: 5000, ehlo: 5000, starttls: 5000, mail: 5000, rcpt: 5000, data: 5000, 'data-end': 5000, quit: 5000 },
  });
}

describe('runSmtpConnection against smtp-server on 127.0.0.1', () => {
  let dir: string;
  let pki: LabPki;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtp-connection-'));
    pki = await loadLabPki(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers over STARTTLS, verifying the lab certificate, and reports the TLS session', async () => {
    const mx = await startServer(pki);
    try {
      const events: ConnectionEvent[] = [];
      const result = await runSmtpConnection({ port: mx.port, session: newSession(verified), trustedCaPems: [pki.caCertPem], observe: (e) => events.push(e) });
      expect(result.recipients).toMatchObject([{ recipient: 'b@example.jp', outcome: 'delivered', code: 250 }]);
      expect(result.tls).toMatchObject({ version: 'TLSv1.3', authorized: true });
      expect(result.tls?.authorizationError).toBeUndefined();
      const leaf = new X509Certificate((await pki.leaf('mx.example.jp')).certPem);
      expect(Buffer.from(result.tls!.peerChain[0]).equals(leaf.raw)).toBe(true);
      expect(mx.mails).toHaveLength(1);
      expect(mx.mails[0]).toMatchObject({ from: 'a@sender.example', to: ['b@example.jp'], secure: true, protocol: 'TLSv1.3' });
      // Dot-stuffing is undone by the server: the body arrives as written.
      expect(mx.mails[0].body).toBe(MESSAGE);
      const labels = events.filter((e): e is Extract<ConnectionEvent, { type: 'sent' }> => e.type === 'sent').map((e) => `${e.encrypted ? 'tls' : 'tcp'} ${e.label}`);
      expect(labels).toEqual(['tcp EHLO mail.sender.example', 'tcp STARTTLS', 'tls EHLO mail.sender.example', 'tls MAIL FROM:<a@sender.example>', 'tls RCPT TO:<b@example.jp>', 'tls DATA', expect.stringMatching(/^tls message \(\d+ bytes\)$/), 'tls QUIT']);
    } finally {
      await mx.close();
    }
  });

  it('goes on in plaintext when the server hides STARTTLS', async () => {
    const mx = await startServer(pki, { hideSTARTTLS: true });
    try {
      const result = await runSmtpConnection({ port: mx.port, session: newSession(opportunistic), trustedCaPems: [pki.caCertPem] });
      expect(result.recipients[0].outcome).toBe('delivered');
      expect(result.starttlsOffered).toBe(false);
      expect(result.tls).toBeUndefined();
      expect(mx.mails[0].secure).toBe(false);
    } finally {
      await mx.close();
    }
  });

  it('reports an untrusted certificate to the policy, which QUITs', async () => {
    const mx = await startServer(pki);
    try {
      const otherCa = await createRootCa('Some Other CA');
      const result = await runSmtpConnection({ port: mx.port, session: newSession(verified), trustedCaPems: [otherCa.certPem] });
      expect(result.tls?.authorized).toBe(false);
      expect(result.tls?.authorizationError).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
      expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', rule: 'RFC 8461 §4.2' });
      expect(mx.mails).toHaveLength(0);
    } finally {
      await mx.close();
    }
  });

  it('a name mismatch is reported against the SNI the session asked for', async () => {
    const mx = await startServer(pki);
    try {
      const session = new SmtpClientSession({ clientName: 'mail.sender.example', serverName: 'mx2.example.jp', from: 'a@sender.example', to: ['b@example.jp'], message: Buffer.from(MESSAGE), policy: verified });
      const result = await runSmtpConnection({ port: mx.port, session, trustedCaPems: [pki.caCertPem] });
      expect(result.tls?.authorizationError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      expect(result.recipients[0].outcome).toBe('deferred');
    } finally {
      await mx.close();
    }
  });

  it('a refused connection is a deferred result, not an exception', async () => {
    const mx = await startServer(pki);
    const port = mx.port;
    await mx.close();
    const result = await runSmtpConnection({ port, session: newSession(opportunistic), trustedCaPems: [pki.caCertPem] });
    expect(result.recipients[0].outcome).toBe('deferred');
    expect(result.error?.reason).toMatch(/ECONNREFUSED/);
  });
});
