// The sending domain's DKIM key (RFC 6376 §3.6.1): made once per data directory and kept, so the
// public half published in the sender.example zone matches the signatures on every start.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DKIM_SELECTOR = 'tlsrpt';
export const DKIM_DOMAIN = 'sender.example';

export interface DkimKey {
  selector: string;
  domain: string;
  privateKeyPem: string;
  /** The TXT data at <selector>._domainkey.<domain>: "v=DKIM1; k=rsa; p=..." (RFC 6376 §3.6.1). */
  txt: string;
}

/** Public halves of PEMs already parsed: every lab start loads the keys, each PEM is parsed once a process. */
const halves = new Map<string, string | null>();
const HALVES_KEPT = 64;

/** The key's public half as SPKI DER base64, or null when the PEM is not a usable RSA private key. */
function publicHalf(privateKeyPem: string): string | null {
  if (halves.has(privateKeyPem)) return halves.get(privateKeyPem)!;
  const half = parsePublicHalf(privateKeyPem);
  if (halves.size >= HALVES_KEPT) halves.delete(halves.keys().next().value!);
  halves.set(privateKeyPem, half);
  return half;
}

function parsePublicHalf(privateKeyPem: string): string | null {
  try {
    const key = createPrivateKey(privateKeyPem);
    if (key.asymmetricKeyType !== 'rsa') return null;
    return createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return null;
  }
}

/**
 * The key from <dataDir>/dkim/, generated when absent. A damaged key file is replaced, as the lab CA
 * and the zone keys are: the new public half goes into the zone, which is built at every start.
 */
export function loadDkimKey(dataDir: string, selector: string = DKIM_SELECTOR, domain: string = DKIM_DOMAIN): DkimKey {
  const dir = join(dataDir, 'dkim');
  // The report key keeps its first file name; every other selector has a file of its own.
  const path = join(dir, selector === DKIM_SELECTOR && domain === DKIM_DOMAIN ? `${DKIM_DOMAIN}.key` : `${domain}.${selector}.key`);
  let privateKeyPem: string | null = null;
  try {
    privateKeyPem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the DKIM key ${path}: ${(error as Error).message}`);
  }
  if (privateKeyPem === null || publicHalf(privateKeyPem) === null) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, privateKeyPem, { mode: 0o600 });
    renameSync(tmp, path);
  }
  const spki = publicHalf(privateKeyPem);
  if (spki === null) throw new Error(`the DKIM key ${path} is not an RSA private key`);
  return { selector, domain, privateKeyPem, txt: `v=DKIM1; k=rsa; p=${spki}` };
}
