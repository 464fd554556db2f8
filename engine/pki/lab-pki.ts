// The lab's own root CA and server certificates, kept in <dataDir>/pki/ and reused, so a
// warm start reads a few PEM files and generates nothing.

import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedPem, IssueLeafOptions } from './issue.ts';

export interface LabPki {
  /** <dataDir>/pki */
  dir: string;
  /** Path of the root CA certificate, the file tools and the lab's clients trust. */
  caPath: string;
  caCertPem: string;
  /** A certificate for hostname issued by the lab CA, cached on disk and re-issued when stale. */
  leaf(hostname: string): Promise<IssuedPem>;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Re-issued this long before expiry so a running lab never presents an expired certificate.
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

async function readPair(certPath: string, keyPath: string): Promise<IssuedPem | null> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { certPem, keyPem };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text, { mode });
  await rename(tmp, path);
}

async function writePair(certPath: string, keyPath: string, pair: IssuedPem): Promise<void> {
  // Key first: a reader that finds the certificate also finds its key.
  await writeAtomic(keyPath, pair.keyPem, 0o600);
  await writeAtomic(certPath, pair.certPem, 0o644);
}

function usable(certPem: string, ca: X509Certificate): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

/** Two labs starting at once on a fresh machine must not write two different CAs. */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.lock');
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`lab PKI is locked by another process: ${lock}`);
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

const issuer = () => import('./issue.ts');

export async function loadLabPki(dataDir: string): Promise<LabPki> {
  const dir = join(dataDir, 'pki');
  const caPath = join(dir, 'ca.pem');
  const caKeyPath = join(dir, 'ca.key');
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const validCa = (pair: IssuedPem | null): pair is IssuedPem => {
    if (!pair) return false;
    try {
      return Date.parse(new X509Certificate(pair.certPem).validTo) - Date.now() > RENEW_BEFORE_MS;
    } catch {
      return false;
    }
  };

  let ca = await readPair(caPath, caKeyPath);
  if (!validCa(ca)) {
    ca = await withLock(dir, async () => {
      const again = await readPair(caPath, caKeyPath);
      if (validCa(again)) return again;
      const created = await (await issuer()).createRootCa();
      await writePair(caPath, caKeyPath, created);
      return created;
    });
  }
  const caPair = ca;
  const caCert = new X509Certificate(caPair.certPem);
  const leaves = new Map<string, Promise<IssuedPem>>();

  const loadLeaf = async (hostname: string, options?: IssueLeafOptions): Promise<IssuedPem> => {
    const certPath = join(dir, `${hostname}.pem`);
    const keyPath = join(dir, `${hostname}.key`);
    const cached = await readPair(certPath, keyPath);
    if (cached && usable(cached.certPem, caCert)) return cached;
    return withLock(dir, async () => {
      const again = await readPair(certPath, keyPath);
      if (again && usable(again.certPem, caCert)) return again;
      const issued = await (await issuer()).issueServerLeaf(caPair, hostname, options);
      await writePair(certPath, keyPath, issued);
      return issued;
    });
  };

  return {
    dir,
    caPath,
    caCertPem: caPair.certPem,
    leaf(hostname: string): Promise<IssuedPem> {
      const name = hostname.toLowerCase();
      if (!HOSTNAME.test(name)) return Promise.reject(new Error(`not a hostname: ${JSON.stringify(hostname)}`));
      let pending = leaves.get(name);
      if (!pending) {
        pending = loadLeaf(name);
        leaves.set(name, pending);
        pending.catch(() => leaves.delete(name));
      }
      return pending;
    },
  };
}
