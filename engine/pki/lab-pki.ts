// The lab's own root CA and server certificates, kept in <dataDir>/pki/ and reused, so a
// warm start reads a few PEM files and generates nothing.

import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedPem } from './issue.ts';
import { issuedBy, lastsADay, RENEW_BEFORE_MS } from './cert-checks.ts';
import { issueVariant, variantUsable, type KeyVariant } from './variants.ts';

export type { CertVariant, KeyVariant } from './variants.ts';

export interface LabPki {
  /** <dataDir>/pki */
  dir: string;
  /** Path of the root CA certificate, the file tools and the lab's clients trust. */
  caPath: string;
  caCertPem: string;
  /** A certificate for hostname issued by the lab CA, cached on disk and re-issued when stale. */
  leaf(hostname: string): Promise<IssuedPem>;
  /**
   * leaf(hostname) followed by the lab CA certificate: the full chain a server sends so that a
   * DANE-TA record of the lab CA can match (RFC 7672 §3.1.2). leaf() alone is the leaf only.
   */
  fullChain(hostname: string): Promise<IssuedPem>;
  /** Certificates that fail on purpose, for lessons and attacks; cached on disk like leaf(). */
  variant(hostname: string, kind: KeyVariant): Promise<IssuedPem>;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
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

/** The key parses and is the private half of the certificate's public key: a damaged file is issued again. */
export function keyMatches(pair: IssuedPem): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    const fromKey = createPublicKey(createPrivateKey(pair.keyPem)).export({ type: 'spki', format: 'der' });
    return fromKey.equals(cert.publicKey.export({ type: 'spki', format: 'der' }));
  } catch {
    return false;
  }
}

function usable(certPem: string, ca: X509Certificate): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return lastsADay(cert) && issuedBy(cert, ca);
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
    if (!pair || !keyMatches(pair)) return false;
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
  const issued = new Map<string, Promise<IssuedPem>>();

  /** Reads certPath/keyPath, or issues and writes them when what is there is not good. */
  const loadCached = async (certPath: string, keyPath: string, good: (certPem: string) => boolean, issue: () => Promise<IssuedPem>): Promise<IssuedPem> => {
    const fit = (pair: IssuedPem | null): pair is IssuedPem => pair !== null && good(pair.certPem) && keyMatches(pair);
    const cached = await readPair(certPath, keyPath);
    if (fit(cached)) return cached;
    return withLock(dir, async () => {
      const again = await readPair(certPath, keyPath);
      if (fit(again)) return again;
      const pair = await issue();
      await writePair(certPath, keyPath, pair);
      return pair;
    });
  };

  const once = (key: string, load: () => Promise<IssuedPem>): Promise<IssuedPem> => {
    let pending = issued.get(key);
    if (!pending) {
      pending = load();
      issued.set(key, pending);
      pending.catch(() => issued.delete(key));
    }
    return pending;
  };

  const checkedName = (hostname: string): string => {
    const name = hostname.toLowerCase();
    if (!HOSTNAME.test(name)) throw new Error(`not a hostname: ${JSON.stringify(hostname)}`);
    return name;
  };

  const leaf = async (hostname: string): Promise<IssuedPem> => {
    const name = checkedName(hostname);
    return once(`leaf:${name}`, () =>
      loadCached(join(dir, `${name}.pem`), join(dir, `${name}.key`), (pem) => usable(pem, caCert), async () => (await issuer()).issueServerLeaf(caPair, name)),
    );
  };

  return {
    dir,
    caPath,
    caCertPem: caPair.certPem,
    leaf,
    async fullChain(hostname: string): Promise<IssuedPem> {
      const { certPem, keyPem } = await leaf(hostname);
      return { certPem: `${certPem.trimEnd()}\n${caPair.certPem.trimEnd()}\n`, keyPem };
    },
    async variant(hostname: string, kind: KeyVariant): Promise<IssuedPem> {
      const name = checkedName(hostname);
      // A folder per kind: no hostname can collide with another's file name.
      const kindDir = join(dir, 'variants', kind);
      return once(`${kind}:${name}`, async () => {
        await mkdir(kindDir, { recursive: true, mode: 0o700 });
        return loadCached(join(kindDir, `${name}.pem`), join(kindDir, `${name}.key`), (pem) => variantUsable(kind, pem, caCert, name), () => issueVariant(kind, caPair, name));
      });
    },
  };
}
