import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRootCa, issueServerLeaf } from '../../../engine/pki/issue.ts';
import { loadLabPki } from '../../../engine/pki/lab-pki.ts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-pki-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('lab PKI', () => {
  it('creates a root CA and a server leaf for mx.example.jp on first start', async () => {
    const pki = await loadLabPki(dataDir);
    const leaf = await pki.leaf('mx.example.jp');
    const ca = new X509Certificate(pki.caCertPem);
    const cert = new X509Certificate(leaf.certPem);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBe('DNS:mx.example.jp');
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth EKU
    expect(cert.checkHost('mx.example.jp')).toBe('mx.example.jp');
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(367);
    expect(await readFile(join(dataDir, 'pki', 'ca.pem'), 'utf8')).toBe(pki.caCertPem);
    expect(pki.caPath).toBe(join(dataDir, 'pki', 'ca.pem'));
  });

  it('the full chain is the mx leaf followed by the lab CA, for DANE-TA (RFC 7672 §3.1.2)', async () => {
    const pki = await loadLabPki(dataDir);
    const leaf = await pki.leaf('mx.example.jp');
    const full = await pki.fullChain('mx.example.jp');
    const pems = full.certPem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    expect(pems.map((pem) => new X509Certificate(pem).fingerprint256)).toEqual([new X509Certificate(leaf.certPem).fingerprint256, new X509Certificate(pki.caCertPem).fingerprint256]);
    expect(full.keyPem).toBe(leaf.keyPem);
  });

  it('keeps private keys readable by the user only', async () => {
    const pki = await loadLabPki(dataDir);
    await pki.leaf('mx.example.jp');
    for (const file of ['ca.key', 'mx.example.jp.key']) expect((await stat(join(dataDir, 'pki', file))).mode & 0o777).toBe(0o600);
  });

  it('reuses what is on disk on the next start, without generating anything', async () => {
    const first = await loadLabPki(dataDir);
    const leaf = await first.leaf('mx.example.jp');
    const before = (await stat(join(dataDir, 'pki', 'mx.example.jp.pem'))).mtimeMs;
    const started = performance.now();
    const second = await loadLabPki(dataDir);
    const again = await second.leaf('mx.example.jp');
    const took = performance.now() - started;
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(again).toEqual(leaf);
    expect((await stat(join(dataDir, 'pki', 'mx.example.jp.pem'))).mtimeMs).toBe(before);
    expect(took).toBeLessThan(100);
  });

  it('re-issues an expired leaf', async () => {
    const pki = await loadLabPki(dataDir);
    const ca = { certPem: pki.caCertPem, keyPem: await readFile(join(dataDir, 'pki', 'ca.key'), 'utf8') };
    const expired = await issueServerLeaf(ca, 'mx.example.jp', { days: -1 });
    await writeFile(join(dataDir, 'pki', 'mx.example.jp.pem'), expired.certPem);
    await writeFile(join(dataDir, 'pki', 'mx.example.jp.key'), expired.keyPem, { mode: 0o600 });
    const fresh = await (await loadLabPki(dataDir)).leaf('mx.example.jp');
    expect(fresh.certPem).not.toBe(expired.certPem);
    expect(Date.parse(new X509Certificate(fresh.certPem).validTo)).toBeGreaterThan(Date.now());
  });

  it('re-issues the leaf when the CA changed', async () => {
    const first = await loadLabPki(dataDir);
    const oldLeaf = await first.leaf('mx.example.jp');
    const otherCa = await createRootCa('Another Root');
    await writeFile(join(dataDir, 'pki', 'ca.pem'), otherCa.certPem);
    await writeFile(join(dataDir, 'pki', 'ca.key'), otherCa.keyPem, { mode: 0o600 });
    const second = await loadLabPki(dataDir);
    const newLeaf = await second.leaf('mx.example.jp');
    expect(newLeaf.certPem).not.toBe(oldLeaf.certPem);
    expect(new X509Certificate(newLeaf.certPem).checkIssued(new X509Certificate(otherCa.certPem))).toBe(true);
  });

  it('agrees on one CA when two labs start at once on a fresh machine', async () => {
    const [a, b] = await Promise.all([loadLabPki(dataDir), loadLabPki(dataDir)]);
    expect(a.caCertPem).toBe(b.caCertPem);
  });

  it('refuses a name that is not a hostname', async () => {
    const pki = await loadLabPki(dataDir);
    await expect(pki.leaf('../etc/passwd')).rejects.toThrow(/not a hostname/);
  });
});
