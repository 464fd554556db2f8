import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueServerLeaf, type IssuedPem } from '../../../engine/pki/issue.ts';
import { loadLabPki, type LabPki } from '../../../engine/pki/lab-pki.ts';
import { WRONG_NAME_HOST } from '../../../engine/pki/variants.ts';

const HOST = 'mx.example.jp';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-pki-variants-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Verdict {
  authorized: boolean;
  authorizationError: string | null;
  peerSpki: Buffer;
}

/** What a Node TLS client that trusts only the lab CA says about a server presenting pair. */
async function handshake(pair: IssuedPem, caPem: string): Promise<Verdict> {
  const server = tls.createServer({ cert: pair.certPem, key: pair.keyPem }, (socket) => socket.end());
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<Verdict>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, servername: HOST, ca: caPem, rejectUnauthorized: false }, () => {
        const raw = socket.getPeerX509Certificate()!.publicKey.export({ type: 'spki', format: 'der' });
        resolve({ authorized: socket.authorized, authorizationError: socket.authorizationError ? String(socket.authorizationError) : null, peerSpki: raw });
        socket.destroy();
      });
      socket.on('error', reject);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function spki(certPem: string): Buffer {
  return new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('lab PKI certificate variants against a Node TLS client', () => {
  let pki: LabPki;
  beforeEach(async () => {
    pki = await loadLabPki(dataDir);
  });

  it('the real leaf is authorized: the baseline every variant departs from', async () => {
    const verdict = await handshake(await pki.leaf(HOST), pki.caCertPem);
    expect(verdict).toMatchObject({ authorized: true, authorizationError: null });
  });

  it('expired: lab CA, right name, notAfter a day ago -> CERT_HAS_EXPIRED', async () => {
    const pair = await pki.variant(HOST, 'expired');
    const cert = new X509Certificate(pair.certPem);
    expect(Date.parse(cert.validTo)).toBeLessThan(Date.now() - 12 * 3600_000);
    expect(cert.checkIssued(new X509Certificate(pki.caCertPem))).toBe(true);
    expect(cert.checkHost(HOST)).toBe(HOST);
    expect((await handshake(pair, pki.caCertPem)).authorizationError).toBe('CERT_HAS_EXPIRED');
  });

  it('wrong-name: lab CA, valid, for another name -> ERR_TLS_CERT_ALTNAME_INVALID from checkServerIdentity', async () => {
    const pair = await pki.variant(HOST, 'wrong-name');
    const cert = new X509Certificate(pair.certPem);
    expect(cert.subjectAltName).toBe(`DNS:${WRONG_NAME_HOST}`);
    const verdict = await handshake(pair, pki.caCertPem);
    expect(verdict).toMatchObject({ authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    const identity = tls.checkServerIdentity(HOST, { subject: { CN: WRONG_NAME_HOST }, subjectaltname: cert.subjectAltName } as tls.PeerCertificate);
    expect(identity).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('self-signed: right name, signed by its own key -> DEPTH_ZERO_SELF_SIGNED_CERT', async () => {
    const pair = await pki.variant(HOST, 'self-signed');
    const cert = new X509Certificate(pair.certPem);
    expect(cert.subjectAltName).toBe(`DNS:${HOST}`);
    expect(cert.issuer).toBe(cert.subject);
    expect((await handshake(pair, pki.caCertPem)).authorizationError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('misissued: PKIX-valid for the name, but its key is not the one a DANE-EE 3 1 1 record pins', async () => {
    const real = await pki.leaf(HOST);
    const pair = await pki.variant(HOST, 'misissued');
    const verdict = await handshake(pair, pki.caCertPem);
    expect(verdict).toMatchObject({ authorized: true, authorizationError: null });
    expect(verdict.peerSpki.equals(spki(pair.certPem))).toBe(true);
    expect(sha256(verdict.peerSpki)).not.toBe(sha256(spki(real.certPem)));
    expect(pair.keyPem).not.toBe(real.keyPem);
  });
});

describe('lab PKI certificate variants on disk', () => {
  it('reuses each variant on the next start, without generating anything', async () => {
    const first = await loadLabPki(dataDir);
    const kinds = ['expired', 'wrong-name', 'self-signed', 'misissued'] as const;
    const before = await Promise.all(kinds.map((kind) => first.variant(HOST, kind)));
    const second = await loadLabPki(dataDir);
    const after = await Promise.all(kinds.map((kind) => second.variant(HOST, kind)));
    expect(after).toEqual(before);
    expect((await stat(join(dataDir, 'pki', 'variants', 'misissued', `${HOST}.key`))).mode & 0o777).toBe(0o600);
  });

  it('does not clash with a leaf whose name ends like a kind', async () => {
    const pki = await loadLabPki(dataDir);
    const leaf = await pki.leaf(`${HOST}.expired`);
    const expired = await pki.variant(HOST, 'expired');
    expect(leaf.certPem).not.toBe(expired.certPem);
    expect(new X509Certificate(leaf.certPem).checkHost(`${HOST}.expired`)).toBeDefined();
  });

  it('re-issues a variant that no longer fails the way it should, and one from another CA', async () => {
    const pki = await loadLabPki(dataDir);
    const ca = { certPem: pki.caCertPem, keyPem: await readFile(join(dataDir, 'pki', 'ca.key'), 'utf8') };
    // A valid certificate sitting where the expired one belongs.
    const notExpired = await issueServerLeaf(ca, HOST);
    const expiredDir = join(dataDir, 'pki', 'variants', 'expired');
    await pki.variant(HOST, 'expired');
    await writeFile(join(expiredDir, `${HOST}.pem`), notExpired.certPem);
    await writeFile(join(expiredDir, `${HOST}.key`), notExpired.keyPem, { mode: 0o600 });
    // A wrong-name certificate about to expire.
    const stale = await issueServerLeaf(ca, WRONG_NAME_HOST, { days: 0.5 });
    const wrongDir = join(dataDir, 'pki', 'variants', 'wrong-name');
    await pki.variant(HOST, 'wrong-name');
    await writeFile(join(wrongDir, `${HOST}.pem`), stale.certPem);
    await writeFile(join(wrongDir, `${HOST}.key`), stale.keyPem, { mode: 0o600 });

    const again = await loadLabPki(dataDir);
    const expired = await again.variant(HOST, 'expired');
    const wrong = await again.variant(HOST, 'wrong-name');
    expect(expired.certPem).not.toBe(notExpired.certPem);
    expect(Date.parse(new X509Certificate(expired.certPem).validTo)).toBeLessThan(Date.now());
    expect(wrong.certPem).not.toBe(stale.certPem);
    expect(Date.parse(new X509Certificate(wrong.certPem).validTo)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('refuses a name that is not a hostname', async () => {
    const pki = await loadLabPki(dataDir);
    await expect(pki.variant('../etc/passwd', 'self-signed')).rejects.toThrow(/not a hostname/);
  });
});
